using System.Net;

namespace Open311.Tests;

// CONTRACT §11: datetimes go out at whole seconds; a bound equal to one the server printed includes what it printed.
public class WholeSecondBoundTests
{
    [Fact]
    public async Task ABoundEqualToAPrintedDatetimeIncludesTheRequestOnEveryDateParameter()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        app.Clock.Advance(TimeSpan.FromMilliseconds(700));
        var (id, _) = await client.CreatePotholeAsync(key);
        var shown = (await client.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0];
        var requested = Uri.EscapeDataString(shown.GetProperty("requested_datetime").GetString()!);
        var updated = Uri.EscapeDataString(shown.GetProperty("updated_datetime").GetString()!);
        foreach (var query in new[] { $"end_date={requested}", $"start_date={requested}", $"start_date={requested}&end_date={requested}",
                     $"updated_before={updated}", $"updated_after={updated}", $"updated_after={updated}&updated_before={updated}" })
            Assert.Equal([id], (await client.FetchAsync($"/open311/v2/requests.json?{query}")).Ids());
        var feed = await client.FetchAsync($"/open311/v2/servicerequestupdates.json?start_date={updated}&end_date={updated}", key);
        Assert.Equal(id, Assert.Single(feed.Json.EnumerateArray()).GetProperty("service_request_id").GetString());
        // A fraction is taken as it is: the request made .7 s into the second is not before .5 s.
        var half = Uri.EscapeDataString(shown.GetProperty("requested_datetime").GetString()!.Replace("Z", ".5Z"));
        Assert.Empty((await client.FetchAsync($"/open311/v2/requests.json?end_date={half}")).Ids());
    }
}
