using DbUp.Engine.Output;

namespace Open311;

// DbUp's messages go to the application log, at debug level except for problems.
sealed class DbUpLog(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) { }
    public void LogDebug(string format, params object[] args) { }
    public void LogInformation(string format, params object[] args) => logger.LogDebug(format, args);
    public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);
    public void LogError(string format, params object[] args) => logger.LogError(format, args);
    public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
}
