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
    [PostgresFact]
    [Trait("Storage", "pinned")]
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

    // Storage/Migrations/{engine}: a script added for one engine needs its twin for the other.
    [Fact]
    [Trait("Storage", "none")]
    public void EveryEngineHasTheSameMigrationScripts()
    {
        var names = typeof(Database).Assembly.GetManifestResourceNames();
        string[] Scripts(string engine) => names.Where(n => n.Contains($".Storage.Migrations.{engine}.")).Select(n => n.Split('.')[^2]).Order().ToArray();
        Assert.NotEmpty(Scripts("sqlite"));
        Assert.Equal(Scripts("sqlite"), Scripts("postgres"));
    }

    // The same model on both engines: table for table, column for column (PostgreSQL's search column
    // stands for SQLite's requests_fts table, its GiST index on the points for SQLite's request_places R*Tree).
    [PostgresFact]
    [Trait("Storage", "pinned")]
    public async Task TheSchemasMatchTableForTableAndColumnForColumn()
    {
        await using var sqlite = new Open311App(database: TestDatabase.Create("sqlite"));
        await using var postgres = new Open311App(database: TestDatabase.Create("postgres"));
        await using var lite = await sqlite.Get<Database>().OpenAsync();
        await using var pg = await postgres.Get<Database>().OpenAsync();

        var liteColumns = (await lite.QueryAsync<string>(
            """
            SELECT m.name || '.' || c.name FROM sqlite_master m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name NOT LIKE 'requests_fts%' AND m.name NOT LIKE 'request_places%' AND m.name <> 'SchemaVersions'
            """)).Order().ToList();
        var pgColumns = (await pg.QueryAsync<string>(
            """
            SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = current_schema() AND c.table_name <> 'schemaversions' AND c.column_name <> 'search'
            """)).Order().ToList();
        Assert.Equal(liteColumns, pgColumns);
        // The search document is a view of the same name on both (migration 0003).
        Assert.Equal(["request_documents"], await lite.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'view'"));
        Assert.Equal(["request_documents"], await pg.QueryAsync<string>(
            "SELECT table_name FROM information_schema.views WHERE table_schema = current_schema()"));
        Assert.Equal(StorageCopy.Tables.Order(), liteColumns.Select(c => c.Split('.')[0]).Distinct().Order());
    }
}
