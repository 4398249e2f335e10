namespace Open311.Tests;

// SQLite answers q with one of two plans, by how many requests match (SqliteDialect.SearchKeysAsync):
// both must give the same pages, however long the stretches the walk reads.
[Trait("Storage", "pinned")]
public class TextSearchPlanTests
{
    static readonly string[] Queries =
    [
        "q=pothole&per_page=20",
        "q=pothole&per_page=5&page=3",
        "q=crew%20-pothole&status=closed",
        "q=trash&start_date={-300}&end_date={-220}",
        "q=street&order=updated_datetime&updated_after={-60}",
    ];

    static async Task<List<List<string>>> PagesAsync(Dictionary<string, string?>? tuning)
    {
        await using var app = new Open311App(tuning, TestDatabase.Create("sqlite"));
        app.CreateClient();
        await app.Get<Seeder>().SeedAsync(1000, 5, progress: null, CancellationToken.None);
        var client = app.CreateClient();
        var now = app.Clock.GetUtcNow();
        var pages = new List<List<string>>();
        foreach (var q in Queries)
        {
            var url = "/open311/v2/requests.json?" + System.Text.RegularExpressions.Regex.Replace(q, @"\{(-\d+)\}",
                m => now.AddDays(int.Parse(m.Groups[1].Value)).ToString("yyyy-MM-dd"));
            pages.Add((await client.FetchAsync(url)).Ids());
        }
        return pages;
    }

    [Fact]
    public async Task ACommonWordGivesTheSamePagesWhicheverPlanAnswers()
    {
        var byLookup = await PagesAsync(null);
        Assert.All(byLookup, ids => Assert.NotEmpty(ids));
        foreach (var stretch in new[] { "400", "3" }) // one stretch, and many
            Assert.Equal(byLookup, await PagesAsync(new() { ["Open311:Tuning:TextFewMatches"] = "1", ["Open311:Tuning:TextWalkStretch"] = stretch }));
    }
}
