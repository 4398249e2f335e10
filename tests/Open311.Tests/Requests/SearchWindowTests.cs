using System.Net;

namespace Open311.Tests;

// Date windows (CONTRACT §5) against requests seeded over 150 days; "now" is day 150 (2027-03-31T12:00Z).
public class SearchWindowTests : IAsyncLifetime
{
    readonly Open311App app = new();
    HttpClient client = null!;
    List<Seeding.Seeded> seeded = null!;

    public async Task InitializeAsync()
    {
        client = app.CreateClient();
        var key = await app.KeyAsync();
        seeded = await app.SeedAsync(client, key, (0, "day 0"), (10, "day 10"), (50, "day 50"), (59, "day 59"), (61, "day 61"),
            (100, "day 100"), (130, "day 130"), (150, "day 150"));
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    List<string> Days(params int[] days) => seeded.Where(s => days.Contains(s.Day)).Select(s => s.Id).Reverse().ToList();

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task WithNoDatesTheWindowIsTheLast90DaysNewestFirst(string format)
    {
        var reply = await client.FetchAsync($"/open311/v2/requests.{format}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Days(61, 100, 130, 150), reply.Ids());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AStartDateAloneReaches90DaysOn(string format)
    {
        var reply = await client.FetchAsync($"/open311/v2/requests.{format}?start_date=2026-11-11T00:00:00Z");
        Assert.Equal(Days(10, 50, 59, 61), reply.Ids());
    }

    [Fact]
    public async Task AnEndDateAloneReaches90DaysBack()
    {
        var reply = await client.FetchAsync("/open311/v2/requests.json?end_date=2027-01-31T12:00:00Z");
        Assert.Equal(Days(10, 50, 59, 61), reply.Ids());
    }

    [Fact]
    public async Task ABareEndDateIncludesTheWholeDay()
    {
        var reply = await client.FetchAsync("/open311/v2/requests.json?start_date=2026-12-21&end_date=2026-12-21");
        Assert.Equal(Days(50), reply.Ids());
    }

    [Fact]
    public async Task AWindowOfExactly90DaysIsAccepted()
    {
        var reply = await client.FetchAsync("/open311/v2/requests.json?start_date=2026-11-01T12:00:00Z&end_date=2027-01-30T12:00:00Z");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Days(0, 10, 50, 59, 61), reply.Ids());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AWindowOf91DaysIs400NamingTheParameter(string format)
    {
        var reply = await client.FetchAsync($"/open311/v2/requests.{format}?start_date=2026-11-01T00:00:00Z&end_date=2027-01-31T00:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("end_date is more than 90 days after start_date; a date window spans at most 90 days", Assert.Single(reply.Errors));
    }

    [Theory]
    [InlineData("start_date=2027-01-02&end_date=2027-01-01", "start_date must not be later than end_date")]
    [InlineData("updated_after=2027-01-02T00:00:00Z&updated_before=2027-01-01T00:00:00Z", "updated_after must not be later than updated_before")]
    [InlineData("updated_after=2026-10-01T00:00:00Z&updated_before=2027-01-01T00:00:00Z", "updated_before is more than 90 days after updated_after")]
    [InlineData("start_date=yesterday", "start_date must be an ISO 8601 date or datetime")]
    [InlineData("end_date=2026-02-30", "end_date must be an ISO 8601 date or datetime")]
    [InlineData("updated_after=2026-01-01T25:00:00Z", "updated_after must be an ISO 8601 date or datetime")]
    public async Task BadBoundsAre400(string query, string error)
    {
        var reply = await client.FetchAsync($"/open311/v2/requests.json?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith(error, Assert.Single(reply.Errors));
    }

    [Fact]
    public async Task UpdatedAfterAloneLiftsTheDefaultRequestedWindow()
    {
        var reply = await client.FetchAsync("/open311/v2/requests.json?updated_after=2026-11-05T00:00:00Z&order=updated_datetime");
        Assert.Equal(Days(10, 50, 59, 61).AsEnumerable().Reverse(), reply.Ids());
    }

    [Fact]
    public async Task UpdatedBeforeAloneReaches90DaysBack()
    {
        var reply = await client.FetchAsync("/open311/v2/requests.json?updated_before=2027-03-01T00:00:00Z");
        Assert.Equal(Days(50, 59, 61, 100), reply.Ids());
    }

    [Theory]
    [InlineData("2026-12-21T12:00:00Z")]
    [InlineData("2026-12-21T06:00:00-06:00")]
    [InlineData("2026-12-21T06:00:00-0600")]
    [InlineData("2026-12-21T12:00:00.000Z")]
    [InlineData("2026-12-21T11:59:59.1234567+00:00")]
    [InlineData("2026-12-21T12:00:00")]
    [InlineData("2026-12-21T06:00:00 06:00")]
    public async Task DatesComeInLiberally(string start)
    {
        // day 50 is 2026-12-21T12:00:00Z; "+06:00" unencoded in a query arrives as " 06:00"
        var value = start.EndsWith(" 06:00") ? start.Replace(" 06:00", "+06:00") : Uri.EscapeDataString(start);
        var reply = await client.FetchAsync($"/open311/v2/requests.json?start_date={value}&end_date=2027-01-20T00:00:00Z");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Days(50, 59, 61), reply.Ids());
    }

    [Theory]
    [InlineData("2026-12-21T07:00:00-06:00", false)]
    [InlineData("2026-12-21T07:00:00-0600", false)]
    [InlineData("2026-12-21T07:00:00%2B06:00", true)]
    [InlineData("2026-12-21T07:00:00%2B0600", true)]
    [InlineData("2026-12-21T12:00:00.001Z", false)]
    [InlineData("2026-12-21T11:59:59.999Z", true)]
    public async Task OffsetsAndFractionsMoveTheBound(string start, bool includesDay50)
    {
        var reply = await client.FetchAsync($"/open311/v2/requests.json?start_date={start}&end_date=2027-01-20T00:00:00Z");
        Assert.Equal(includesDay50 ? Days(50, 59, 61) : Days(59, 61), reply.Ids());
    }

    [Fact]
    public async Task ServiceRequestIdOverridesEveryOtherFilterIncludingTheWindow()
    {
        var old = seeded.Single(s => s.Day == 0).Id;
        var recent = seeded.Single(s => s.Day == 150).Id;
        var reply = await client.FetchAsync($"/open311/v2/requests.json?service_request_id={old}, {recent}&status=closed&service_code=SWSGRAFF&start_date=2027-03-01");
        Assert.Equal([recent, old], reply.Ids());
    }
}
