using System.Net;

namespace Open311.Tests;

// CONTRACT §11: FixMyStreet asks for every open report it sent in one call and reads that one answer.
public class IdListTests
{
    [Fact]
    public async Task SixHundredIdsAreAnsweredWholeInOneUnpagedAnswer()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var created = new List<string>();
        for (var i = 0; i < 120; i++) created.Add((await client.CreatePotholeAsync(key)).Id);
        // 120 known ids (past the old page of 50 and the old cap of 100) among 480 that are not there.
        var asked = created.Concat(Enumerable.Range(0, 480).Select(i => $"99-{i:00000000}")).ToList();
        foreach (var format in Http.Formats)
        {
            var reply = await client.FetchAsync($"/open311/v2/requests.{format}?service_request_id={string.Join(",", asked)}&per_page=10&page=2");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(created.Order(), reply.Ids().Order());
            Assert.Equal("", reply.Header("Link"));
        }
    }

    // 414 and 431 in the asked format: Wire/RequestLimitTests and KestrelRefusalTests (Hosting/RequestLimits).

    [Fact]
    public async Task MoreThanAThousandIdsIs400()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var ids = string.Join(",", Enumerable.Range(0, 1001).Select(i => $"26-{i:00000000}"));
        var reply = await client.FetchAsync($"/open311/v2/requests.xml?service_request_id={ids}");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("service_request_id may list at most 1000 ids", Assert.Single(reply.Errors));
    }
}
