namespace Open311.Tests;

// The Redis that ./test.sh starts for the suite (OPEN311_TEST_REDIS=host:port). Each app gets a
// prefix of its own, so tests sharing the server never count each other's calls.
static class TestRedis
{
    public static string Address => Environment.GetEnvironmentVariable("OPEN311_TEST_REDIS") is { Length: > 0 } address
        ? address
        : throw new InvalidOperationException("OPEN311_TEST_REDIS is not set: run the tests with ./test.sh, which starts Redis.");

    public static Dictionary<string, string?> Settings(string prefix, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Open311:Redis"] = Address, ["Open311:RedisPrefix"] = $"test:{prefix}:" };
        foreach (var (key, value) in more ?? []) settings[key] = value;
        return settings;
    }
}
