namespace Open311;

// Uploaded files, from residents (media) or staff (file), checked and cleaned before anything is kept.
static class PhotoIntake
{
    public static async Task<(CleanPhoto? Photo, PhotoProblem? Problem)> ReadAsync(IFormFile file, PhotoOptions options, CancellationToken ct)
    {
        if (file.Length > options.MaxBytes) return (null, new(StatusCodes.Status413PayloadTooLarge, $"is larger than the limit of {options.MaxBytes} bytes"));
        if (file.Length == 0) return (null, new(400, "is empty"));
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return PhotoCleaner.Clean(buffer.ToArray(), options.MaxPixels);
    }

    // All the files at once; every problem is named by its field and position.
    public static async Task<(List<CleanPhoto> Photos, List<(string Field, PhotoProblem Problem)> Problems)> ReadAllAsync(
        IReadOnlyList<IFormFile> files, string field, PhotoOptions options, CancellationToken ct)
    {
        var photos = new List<CleanPhoto>();
        var problems = new List<(string, PhotoProblem)>();
        // Browsers send an empty part for a file input left empty.
        var sent = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (sent.Count > options.MaxPerUpload)
            problems.Add((field, new(400, $"may carry at most {options.MaxPerUpload} files", TooMany: true)));
        else
            foreach (var (file, i) in sent.Select((f, i) => (f, i)))
            {
                var (photo, problem) = await ReadAsync(file, options, ct);
                if (problem is not null) problems.Add((sent.Count > 1 ? $"{field}[{i}]" : field, problem));
                else photos.Add(photo!);
            }
        return (photos, problems);
    }
}
