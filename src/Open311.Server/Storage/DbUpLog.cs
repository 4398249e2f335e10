using DbUp.Engine.Output;

namespace Open311;

// DbUp's messages go to the application log, at debug level except for problems.
sealed class DbUpLog(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) { }
    public void LogDebug(string format, params object[] args) { }
    public void LogInformation(string format, params object[] args) => logger.LogDebug(format, args);
    public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);
    // A failed script stops the start with one line naming it and the database's reason (StartupFailure): the log
    // gets the same reason, not the driver's stack (DbUp hands exceptions over as arguments, often already as text:
    // their first line is the reason).
    public void LogError(string format, params object[] args) => logger.LogError(FirstLine(format), Plain(args));
    public void LogError(Exception ex, string format, params object[] args) => logger.LogError(FirstLine(format) + ": {Reason}", [.. Plain(args), ex.Message]);

    static string FirstLine(string text) => text.IndexOf('\n') is var end and >= 0 ? text[..end].TrimEnd('\r') : text;

    static object[] Plain(object[] args) => args.Select(a => a switch
    {
        Exception e => e.Message,
        string text => FirstLine(text),
        _ => a,
    }).ToArray();
}
