namespace Open311.Tests;

// Tests that need a server ./test.sh starts for the run: PostgreSQL (OPEN311_TEST_PG) or Redis (OPEN311_TEST_REDIS).
// Under test.sh (OPEN311_TEST_REQUIRE_SERVICES=1) they always run, and a missing server fails them. In a plain
// `dotnet test` without the server they are skipped, and the reason says how to run them.
static class Needs
{
    public static string? Missing(string variable, string server) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } || Environment.GetEnvironmentVariable("OPEN311_TEST_REQUIRE_SERVICES") == "1"
            ? null
            : $"needs {server} ({variable} is not set): run ./test.sh, which starts one";
}

sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = Needs.Missing("OPEN311_TEST_PG", "PostgreSQL");
}

sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = Needs.Missing("OPEN311_TEST_PG", "PostgreSQL");
}

sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = Needs.Missing("OPEN311_TEST_REDIS", "Redis");
}

sealed class RedisTheoryAttribute : TheoryAttribute
{
    public RedisTheoryAttribute() => Skip = Needs.Missing("OPEN311_TEST_REDIS", "Redis");
}
