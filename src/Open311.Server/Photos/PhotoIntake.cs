using Microsoft.Extensions.Options;

namespace Open311;

// Uploaded files, from residents (media) or staff (file), checked and cleaned before anything is kept. Checking reads
// the bytes and the image header only; cleaning decodes, at most MaxConcurrentDecodes at once in this process, so a
// burst of large photos waits its turn instead of taking the memory of all of them at once.
sealed class PhotoIntake(IOptions<PhotoOptions> options)
{
    readonly SemaphoreSlim decodes = new(options.Value.MaxConcurrentDecodes);
    long decoded;

    public PhotoOptions Limits => options.Value;

    // How many photos this process has decoded since it started (tests read it: a refused report costs none).
    public long Decoded => Interlocked.Read(ref decoded);

    public async Task<(PhotoUpload? Upload, PhotoProblem? Problem)> CheckAsync(IFormFile file, CancellationToken ct)
    {
        var limits = options.Value;
        if (file.Length > limits.MaxBytes) return (null, new(StatusCodes.Status413PayloadTooLarge, $"is larger than the limit of {limits.MaxBytes} bytes"));
        if (file.Length == 0) return (null, new(400, "is empty"));
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ct);
        return PhotoCleaner.Inspect(bytes, limits.MaxPixels);
    }

    public async Task<(CleanPhoto? Photo, PhotoProblem? Problem)> CleanAsync(PhotoUpload upload, CancellationToken ct)
    {
        await decodes.WaitAsync(ct);
        try
        {
            Interlocked.Increment(ref decoded);
            return PhotoCleaner.Clean(upload, options.Value.MaxEdge);
        }
        finally
        {
            decodes.Release();
        }
    }

    // One file, checked and cleaned.
    public async Task<(CleanPhoto? Photo, PhotoProblem? Problem)> ReadAsync(IFormFile file, CancellationToken ct)
    {
        var (upload, problem) = await CheckAsync(file, ct);
        return upload is null ? (null, problem) : await CleanAsync(upload, ct);
    }

    // All the files at once, by their headers; every problem is named by its field and position.
    public async Task<(List<(string Field, PhotoUpload Upload)> Uploads, List<(string Field, PhotoProblem Problem)> Problems)> CheckAllAsync(
        IReadOnlyList<IFormFile> files, string field, CancellationToken ct)
    {
        var uploads = new List<(string, PhotoUpload)>();
        var problems = new List<(string, PhotoProblem)>();
        // Browsers send an empty part for a file input left empty.
        var sent = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (sent.Count > options.Value.MaxPerUpload)
            problems.Add((field, new(400, $"may carry at most {options.Value.MaxPerUpload} files", TooMany: true)));
        else
            foreach (var (file, i) in sent.Select((f, i) => (f, i)))
            {
                var name = sent.Count > 1 ? $"{field}[{i}]" : field;
                var (upload, problem) = await CheckAsync(file, ct);
                if (problem is not null) problems.Add((name, problem));
                else uploads.Add((name, upload!));
            }
        return (uploads, problems);
    }

    public async Task<(List<CleanPhoto> Photos, List<(string Field, PhotoProblem Problem)> Problems)> CleanAllAsync(
        IReadOnlyList<(string Field, PhotoUpload Upload)> uploads, CancellationToken ct)
    {
        var photos = new List<CleanPhoto>();
        var problems = new List<(string, PhotoProblem)>();
        foreach (var (field, upload) in uploads)
        {
            var (photo, problem) = await CleanAsync(upload, ct);
            if (problem is not null) problems.Add((field, problem));
            else photos.Add(photo!);
        }
        return (photos, problems);
    }
}
