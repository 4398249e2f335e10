using Dapper;

namespace Open311;

// After a crash between writing a photo file and committing its row, the file stays behind, named by
// no row and served to nobody. The sweep removes such files once they are old enough that no upload
// on any instance can still be about to commit them.
static class PhotoSweep
{
    public sealed record Outcome(int Kept, IReadOnlyList<string> Orphans);

    public static async Task<Outcome> RunAsync(Database db, PhotoFiles files, TimeSpan olderThan, bool dryRun, TimeProvider time, CancellationToken ct)
    {
        if (!Directory.Exists(files.Folder)) return new Outcome(0, []);
        HashSet<string> named;
        await using (var connection = await db.OpenAsync(ct))
            named = (await connection.QueryAsync<string>("SELECT file_name FROM request_photos")).ToHashSet();
        var cutoff = time.GetUtcNow() - olderThan;
        var orphans = new List<string>();
        var kept = 0;
        foreach (var path in Directory.EnumerateFiles(files.Folder))
        {
            var name = Path.GetFileName(path);
            if (files.PathOf(name) is null) continue; // not a photo file of ours
            if (named.Contains(name) || File.GetLastWriteTimeUtc(path) > cutoff.UtcDateTime) { kept++; continue; }
            orphans.Add(name);
            if (!dryRun) files.Remove(name);
        }
        return new Outcome(kept, orphans);
    }
}
