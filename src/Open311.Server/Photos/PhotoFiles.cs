using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Open311;

sealed record StoredFile(string FileName, CleanPhoto Photo);

// The photo folder. A file is written before the transaction that records it and removed again if that
// transaction fails; a file whose row was deleted is removed after the commit. So a row never points at
// a missing file, and at worst a crash leaves a file no row names, which nobody can reach.
sealed partial class PhotoFiles(string folder, ILogger<PhotoFiles> logger, ServerMetrics metrics)
{
    public string Folder => folder;

    // Random names, 144 bits: they can't be guessed, and say nothing of the upload.
    [GeneratedRegex("^[A-Za-z0-9_-]{24}\\.(jpg|png|webp|gif)$")]
    private static partial Regex FileName();

    public string? PathOf(string fileName) => FileName().IsMatch(fileName) ? Path.Combine(folder, fileName) : null;

    public async Task<T> KeepAsync<T>(IReadOnlyList<CleanPhoto> photos, Func<IReadOnlyList<StoredFile>, Task<T>> record,
        Func<T, bool> recorded, CancellationToken ct)
    {
        var stored = new List<StoredFile>();
        var kept = false;
        try
        {
            if (photos.Count > 0) Directory.CreateDirectory(folder);
            foreach (var photo in photos)
            {
                var file = new StoredFile($"{ApiKeySecrets.Base64Url(RandomNumberGenerator.GetBytes(18))}.{ImageKinds.Extension(photo.Kind)}", photo);
                await using (var stream = new FileStream(Path.Combine(folder, file.FileName), FileMode.CreateNew, FileAccess.Write))
                {
                    stored.Add(file);
                    await stream.WriteAsync(photo.Bytes, ct);
                }
            }
            var result = await record(stored);
            kept = recorded(result);
            if (kept) foreach (var file in stored) metrics.PhotoStored(file.Photo.Bytes.Length);
            return result;
        }
        finally
        {
            if (!kept) foreach (var file in stored) Remove(file.FileName);
        }
    }

    public void Remove(string fileName)
    {
        if (PathOf(fileName) is not { } path) return;
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not remove the photo file {FileName}", fileName);
        }
    }
}
