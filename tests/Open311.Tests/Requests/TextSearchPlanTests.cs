namespace Open311.Tests;

// SQLite answers q with one of two plans, by how many requests match (SqliteDialect.TextMatchAsync):
// both must give the same pages, however long the stretches the walk reads.
public class TextSearchPlanTests
{
    [Fact]
    public async Task ACommonWordGivesTheSamePagesWhicheverPlanAnswers()
    {
        if (TestDatabase.CurrentEngine != "sqlite") return; // PostgreSQL has one plan
        await using var app = new Open311App();
        app.CreateClient();
        await app.Get<Seeder>().SeedAsync(1000, 5, progress: null, CancellationToken.None);
        var client = app.CreateClient();
        var now = app.Clock.GetUtcNow();
        string[] urls =
        [
            "/open311/v2/requests.json?q=pothole&per_page=20",
            "/open311/v2/requests.json?q=pothole&per_page=5&page=3",
            "/open311/v2/requests.json?q=crew%20-pothole&status=closed",
            $"/open311/v2/requests.json?q=trash&start_date={now.AddDays(-300):yyyy-MM-dd}&end_date={now.AddDays(-220):yyyy-MM-dd}",
            $"/open311/v2/requests.json?q=street&order=updated_datetime&updated_after={now.AddDays(-60):yyyy-MM-dd}",
        ];
        var byLookup = new List<List<string>>();
        foreach (var url in urls) byLookup.Add((await client.FetchAsync(url)).Ids());
        Assert.All(byLookup, ids => Assert.NotEmpty(ids));

        var (few, stretch) = (SqliteDialect.FewMatches, RequestQueries.Stretch);
        SqliteDialect.FewMatches = 1;
        try
        {
            foreach (var length in new[] { 400, 3 }) // one stretch, and many
            {
                RequestQueries.Stretch = length;
                for (var i = 0; i < urls.Length; i++) Assert.Equal(byLookup[i], (await client.FetchAsync(urls[i])).Ids());
            }
        }
        finally
        {
            (SqliteDialect.FewMatches, RequestQueries.Stretch) = (few, stretch);
        }
    }
}
