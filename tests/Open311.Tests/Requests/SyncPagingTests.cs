namespace Open311.Tests;

// Sync pages are read from bookmarks left by earlier calls (SyncBookmarks): whatever order pages are
// read in, and whatever is created or updated meanwhile, a page holds the rows counting from the start would give.
public class SyncPagingTests
{
    [Fact]
    public async Task PagesReadInAnyOrderMatchTheListCountedFromItsStart()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            ids.Add((await client.CreatePotholeAsync(key, ("description", $"number {i}"))).Id);
        }
        var after = Uri.EscapeDataString(Open311App.Start.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        Task<List<string>> Page(int page, string more = "") =>
            client.FetchAsync($"/open311/v2/requests.json?order=updated_datetime&updated_after={after}&per_page=7&page={page}{more}").ContinueWith(t => t.Result.Ids());

        // Without a bookmark (page 4 first), then from the bookmarks the reads left (pages 5, 4 again, 6).
        Assert.Equal(ids.Skip(21).Take(7), await Page(4));
        Assert.Equal(ids.Skip(28).Take(7), await Page(5));
        Assert.Equal(ids.Skip(21).Take(7), await Page(4));
        Assert.Equal(ids.Skip(35).Take(5), await Page(6));
        Assert.Empty(await Page(7));

        // Changes to requests already listed, and new ones, come at the end; earlier pages stay as they were.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.AddNoteAsync(ids[3], staff, "Crew on the way", isPublic: true);
        var late = (await client.CreatePotholeAsync(key)).Id;
        Assert.Equal(ids.Skip(28).Take(7), await Page(5));
        Assert.Equal(ids.Skip(35).Append(late), await Page(6));
        // The same list under another filter is another list: a service filter keeps its own places.
        Assert.Equal(ids.Skip(7).Take(7), await Page(2, "&service_code=PWPOTHOL"));
        Assert.Empty(await Page(2, "&service_code=SWSGRAFF"));
    }
}
