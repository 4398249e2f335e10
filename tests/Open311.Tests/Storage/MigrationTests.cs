using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Open311.Tests;

public class MigrationTests
{
    static async Task<(long Scripts, long Requests)> CountAsync(Database db)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schemaversions"),
                await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM requests"));
    }

    [Fact]
    public async Task MigratingAgainChangesNothing()
    {
        await using var app = new Open311App();
        await app.CreateClient().CreatePotholeAsync(await app.KeyAsync());
        var db = app.Get<Database>();
        var before = await CountAsync(db);

        db.Dialect.Migrate(NullLogger.Instance);
        await app.Services.PrepareStorageAsync(loadDemoCatalog: true);

        Assert.Equal(before, await CountAsync(db));
        Assert.True(before.Scripts >= 1);
        Assert.Equal(1, before.Requests);
    }

    // The advisory lock: instances starting at once on an empty database take turns instead of racing.
    [Fact]
    public async Task PostgresInstancesStartingAtOnceApplyEachScriptOnce()
    {
        using var database = PostgresTestServer.CreateEmpty();
        var dialects = Enumerable.Range(0, 4).Select(_ => new PostgresDialect(database.ConnectionString)).ToList();
        try
        {
            await Task.WhenAll(dialects.Select(d => Task.Run(() => d.Migrate(NullLogger.Instance))));
            await using var connection = dialects[0].CreateConnection();
            await connection.OpenAsync();
            var scripts = (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions")).ToList();
            Assert.NotEmpty(scripts);
            Assert.Equal(scripts.Distinct(), scripts);
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM requests"));
        }
        finally
        {
            foreach (var d in dialects) await d.DisposeAsync();
        }
    }
}
