using Microsoft.Extensions.Options;

namespace Open311;

// CONTRACT §13: a bad setting, a port in use or storage that cannot be reached at start is one line on standard
// error naming what is at fault, and exit status 1; never a stack trace. Anything else is a defect and keeps its trace.
static class StartupFailure
{
    public static async Task<int> GuardAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (Describe(e) is { } line)
        {
            Console.Error.WriteLine($"open311: {line}");
            return 1;
        }
    }

    public static string? Describe(Exception e) => e switch
    {
        OptionsValidationException o => string.Join("; ", o.Failures.Select(Clean)),
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerException!),
        MigrationFailedException m => m.Message + " (nothing of that script was applied; fix the database or the script and start again)",
        InvalidOperationException i when i.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            i.Message.Replace("System.", "", StringComparison.Ordinal) + " Give a number (or a value of that type).",
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } io => io.Message + " Stop what uses the port or choose another with --urls.",
        IOException io when io.Message.StartsWith("Failed to bind", StringComparison.Ordinal) => io.Message,
        Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or System.Net.Sockets.SocketException =>
            $"the storage could not be reached at start: {e.Message} (check Open311:Storage:ConnectionString)",
        _ => null,
    };

    // "DataAnnotation validation failed for 'X' members: 'Y' with the error: 'Z'." says Z.
    static string Clean(string failure)
    {
        const string marker = "with the error: '";
        var at = failure.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? failure : failure[(at + marker.Length)..].TrimEnd('.', '\'');
    }
}
