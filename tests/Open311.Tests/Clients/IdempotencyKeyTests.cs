using System.Net;

namespace Open311.Tests;

// CONTRACT §11: Idempotency-Key on POST /requests and POST /servicerequestupdates.
public class IdempotencyKeyTests
{
    static Task<Reply> PostAsync(HttpClient client, string url, IEnumerable<(string, string)> fields, string? idemKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))),
        };
        if (idemKey is not null) request.Headers.Add("Idempotency-Key", idemKey);
        return client.SendAsync(request).ReplyAsync();
    }

    static async Task<int> CountAsync(HttpClient client) =>
        (await client.FetchAsync("/open311/v2/requests.json?per_page=100")).Ids().Count;

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task TheSameKeyAndBodyReplayTheFirstAnswerAndStoreNothing(string format)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var url = $"/open311/v2/requests.{format}";
        var first = await PostAsync(client, url, Fixtures.Pothole(key), "retry-1");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("", first.Header("Idempotent-Replayed"));
        app.Clock.Advance(TimeSpan.FromHours(23));
        var again = await PostAsync(client, url, Fixtures.Pothole(key), "retry-1");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.ContentType, again.ContentType);
        Assert.Equal(1, await CountAsync(client));

        // Another body under the same key is 409 in the asked format; past 24 hours the key is free again.
        var other = await PostAsync(client, url, Fixtures.Pothole(key, ("description", "another hole")), "retry-1");
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Single(other.Errors);
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, url, Fixtures.Pothole(key, ("description", "another hole")), "retry-1")).Status);
        // Another api key's same Idempotency-Key is its own.
        var second = await app.KeyAsync(name: "second app");
        var theirs = await PostAsync(client, url, Fixtures.Pothole(second), "retry-1");
        Assert.Equal("", theirs.Header("Idempotent-Replayed"));
        Assert.Equal(3, await CountAsync(client));
    }

    [Fact]
    public async Task IdenticalCallsAtOnceMakeOneRequest()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(client, "/open311/v2/requests.json", Fixtures.Pothole(key), "burst")));
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(replies.Select(r => r.Body).Distinct());
        Assert.Equal(7, replies.Count(r => r.Header("Idempotent-Replayed") == "true"));
        Assert.Equal(1, await CountAsync(client));
    }

    [Fact]
    public async Task AnUpdateIsReplayedByItsKeyToo()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(key);
        (string, string)[] comment = [("api_key", key), ("service_request_id", id), ("update_id", "c1"), ("description", "Still there")];
        var first = await PostAsync(client, "/open311/v2/servicerequestupdates.xml", comment, "u-1");
        var again = await PostAsync(client, "/open311/v2/servicerequestupdates.xml", comment, "u-1");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(first.Body, again.Body);
        var other = await PostAsync(client, "/open311/v2/servicerequestupdates.xml", [.. comment[..3], ("description", "Gone now")], "u-1");
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        var notes = (await client.StaffGetAsync($"/api/v1/requests/{id}", staff)).Json.GetProperty("notes");
        Assert.Single(notes.EnumerateArray(), n => n.GetProperty("description").GetString() == "Still there");
    }
}
