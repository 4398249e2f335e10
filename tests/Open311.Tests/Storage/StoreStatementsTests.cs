namespace Open311.Tests;

// Statements no public endpoint reaches yet (admin commands, the staff API's stores), run on the engine
// of this test run: every statement must work on SQLite and on PostgreSQL alike.
public class StoreStatementsTests
{
    [Fact]
    public async Task AKeyCanBeRenamedGivenARoleAndPutBackOnTheDefaultLimit()
    {
        await using var app = new Open311App();
        var store = app.Get<KeyStore>();
        var created = await store.CreateAsync("first name", Roles.Client, 30, Actor.Command);

        var renamed = await store.UpdateAsync(created.Key.Id, "second name", Roles.Staff, null, clearLimit: false, Actor.Command);
        Assert.Equal(("second name", Roles.Staff, (int?)30), (renamed!.Name, renamed.Role, renamed.PerMinute));
        var cleared = await store.UpdateAsync(created.Key.Id, null, null, null, clearLimit: true, Actor.Command);
        Assert.Equal(("second name", Roles.Staff, (int?)null), (cleared!.Name, cleared.Role, cleared.PerMinute));
        Assert.Equal(cleared.Name, (await store.GetAsync(created.Key.Id))!.Name);

        Assert.True(await store.RevokeAsync(created.Key.Id, Actor.Command));
        Assert.Null(await store.UpdateAsync(created.Key.Id, "third", null, null, clearLimit: false, Actor.Command));
    }

    [Fact]
    public async Task DeletingAServiceWithRequestsOnlySwitchesItOff()
    {
        await using var app = new Open311App();
        await app.CreateClient().CreatePotholeAsync(await app.KeyAsync());
        var catalog = app.Get<CatalogStore>();
        var services = app.Get<CatalogReader>();

        Assert.Equal(CatalogChange.Deactivated, await catalog.DeleteAsync("PWPOTHOL", Actor.Command));
        Assert.False((await services.ReadAsync(default)).Find("PWPOTHOL")!.Service.Active);
        Assert.Equal(CatalogChange.Deleted, await catalog.DeleteAsync("SWSMISSE", Actor.Command));
        Assert.Null((await services.ReadAsync(default)).Find("SWSMISSE"));
        Assert.Equal(CatalogChange.NotFound, await catalog.DeleteAsync("SWSMISSE", Actor.Command));
    }
}
