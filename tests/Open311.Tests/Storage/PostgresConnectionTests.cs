using Npgsql;

namespace Open311.Tests;

// The server's PostgreSQL connection string: the bounded waits always, the pool and preparation defaults
// unless the operator's string sets them (README, "Running on PostgreSQL").
public class PostgresConnectionTests
{
    static NpgsqlConnectionStringBuilder Bounded(string given) =>
        new(PostgresDialect.Bounded(given, new StorageOptions { CommandTimeoutSeconds = 7, ConnectTimeoutSeconds = 2 }));

    [Fact]
    public void ThePoolAndPreparationHaveTheServersDefaults()
    {
        var b = Bounded("Host=db.internal;Database=open311;Username=open311");
        Assert.Equal((PostgresDialect.DefaultPoolSize, 64, 2, true), (b.MaxPoolSize, b.MaxAutoPrepare, b.AutoPrepareMinUsages, b.NoResetOnClose));
        Assert.Equal((2, 7), (b.Timeout, b.CommandTimeout));
        Assert.Equal(("db.internal", "open311"), (b.Host, b.Database));
    }

    [Theory]
    [InlineData("Host=h;Maximum Pool Size=8", 8, 64)]
    [InlineData("Host=h;maximum pool size=9", 9, 64)]
    [InlineData("Host=h;Max Auto Prepare=0", PostgresDialect.DefaultPoolSize, 0)]
    [InlineData("Host=h;MaxAutoPrepare=5;MaxPoolSize=50", 50, 5)]
    [InlineData("Host=h;No Reset On Close=false", PostgresDialect.DefaultPoolSize, 64)]
    public void TheOperatorsOwnValuesStand(string given, int pool, int prepared)
    {
        var b = Bounded(given);
        Assert.Equal((pool, prepared), (b.MaxPoolSize, b.MaxAutoPrepare));
        Assert.Equal(!given.Contains("No Reset On Close=false"), b.NoResetOnClose);
    }

    [Fact]
    public void TheBoundedWaitsReplaceTheStringsOwn()
    {
        var b = Bounded("Host=h;Timeout=60;Command Timeout=600");
        Assert.Equal((2, 7, 500), (b.Timeout, b.CommandTimeout, b.CancellationTimeout));
    }
}
