using System.Net;

namespace Open311.Tests;

public class SearchFilterTests
{
    static async Task<(Open311App App, HttpClient Client, string Key)> StartAsync()
    {
        var app = new Open311App();
        return (app, app.CreateClient(), await app.KeyAsync());
    }

    static Task<string> CreateAsync(HttpClient client, string key, string code, params (string, string)[] fields) =>
        client.PostFormAsync("/open311/v2/requests.json",
                new[] { ("api_key", key), ("service_code", code), ("address_string", "1 Main St") }.Concat(fields))
            .ContinueWith(t => { Assert.Equal(HttpStatusCode.OK, t.Result.Status); return t.Result.Json[0].GetProperty("service_request_id").GetString()!; });

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task ServiceCodeTakesACommaListWithOrWithoutSpaces(string format)
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var grass = await CreateAsync(client, key, "CCGRASS");
        var drain = await CreateAsync(client, key, "DRCLOG");
        await client.CreatePotholeAsync(key);
        Assert.Equal([drain, grass], (await client.FetchAsync($"/open311/v2/requests.{format}?service_code=CCGRASS,DRCLOG")).Ids());
        Assert.Equal([drain, grass], (await client.FetchAsync($"/open311/v2/requests.{format}?service_code=CCGRASS,%20DRCLOG")).Ids());
        Assert.Equal([grass], (await client.FetchAsync($"/open311/v2/requests.{format}?service_code=CCGRASS")).Ids());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AnUnknownServiceCodeInTheListIs404(string format)
    {
        var (app, client, _) = await StartAsync();
        await using var __ = app;
        var reply = await client.FetchAsync($"/open311/v2/requests.{format}?service_code=CCGRASS,NOPE");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("service_code 'NOPE' was not found", Assert.Single(reply.Errors));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task StatusFiltersAndRefusesOtherValues(string format)
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var (id, _) = await client.CreatePotholeAsync(key);
        Assert.Equal([id], (await client.FetchAsync($"/open311/v2/requests.{format}?status=open")).Ids());
        Assert.Empty((await client.FetchAsync($"/open311/v2/requests.{format}?status=closed")).Ids());
        Assert.Equal([id], (await client.FetchAsync($"/open311/v2/requests.{format}?status=open,closed")).Ids());
        var bad = await client.FetchAsync($"/open311/v2/requests.{format}?status=pending");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("status must be open or closed, not 'pending'", Assert.Single(bad.Errors));
    }

    [Theory]
    [InlineData("json", "[]")]
    [InlineData("xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests />")]
    public async Task APagePastTheEndIsAnEmptyList(string format, string body)
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        await client.CreatePotholeAsync(key);
        var reply = await client.FetchAsync($"/open311/v2/requests.{format}?page=2");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(body, reply.Body);
    }

    [Fact]
    public async Task PagesAreFiftyByDefaultAHundredAtMostAndPageSizeIsAnAlias()
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        for (var i = 0; i < 105; i++) await client.CreatePotholeAsync(key);
        Assert.Equal(50, (await client.FetchAsync("/open311/v2/requests.json")).Ids().Count);
        Assert.Equal(100, (await client.FetchAsync("/open311/v2/requests.json?per_page=101")).Ids().Count);
        Assert.Equal(100, (await client.FetchAsync("/open311/v2/requests.json?per_page=500")).Ids().Count);
        Assert.Equal(7, (await client.FetchAsync("/open311/v2/requests.json?page_size=7")).Ids().Count);
        Assert.Equal(5, (await client.FetchAsync("/open311/v2/requests.json?per_page=100&page=2")).Ids().Count);
        Assert.Equal(7, (await client.FetchAsync("/open311/v2/requests.json?per_page=7&page_size=7")).Ids().Count);
    }

    [Theory]
    [InlineData("per_page=0", "per_page must be a whole number of at least 1, not '0'")]
    [InlineData("per_page=-5", "per_page must be a whole number of at least 1, not '-5'")]
    [InlineData("per_page=ten", "per_page must be a whole number of at least 1, not 'ten'")]
    [InlineData("page=0", "page must be a whole number of at least 1, not '0'")]
    [InlineData("page=abc", "page must be a whole number of at least 1, not 'abc'")]
    [InlineData("page=1.5", "page must be a whole number of at least 1, not '1.5'")]
    [InlineData("page_size=5&per_page=6", "page_size is another name for per_page; send one of them")]
    [InlineData("order=color", "order must be requested_datetime, updated_datetime or distance")]
    [InlineData("extensions=yes", "extensions must be true or false, not 'yes'")]
    [InlineData("q=%21%21%21", "q must contain at least one word")]
    public async Task MalformedPagingAndOrderAre400NamingTheParameter(string query, string error)
    {
        await using var app = new Open311App();
        foreach (var format in Http.Formats)
        {
            var reply = await app.CreateClient().FetchAsync($"/open311/v2/requests.{format}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal(error, Assert.Single(reply.Errors));
        }
    }

    [Fact]
    public async Task ATieOnTheSameSecondIsBrokenByIdSoPagesNeverOverlapOrSkip()
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var ids = new List<string>();
        for (var i = 0; i < 9; i++) ids.Add((await client.CreatePotholeAsync(key)).Id); // all in one frozen second
        var newest = new List<string>();
        for (var page = 1; page <= 4; page++)
            newest.AddRange((await client.FetchAsync($"/open311/v2/requests.json?per_page=2&page={page}")).Ids());
        Assert.Equal(ids.AsEnumerable().Reverse().Take(8), newest);
        var oldest = new List<string>();
        for (var page = 1; page <= 5; page++)
            oldest.AddRange((await client.FetchAsync($"/open311/v2/requests.json?order=updated_datetime&per_page=2&page={page}")).Ids());
        Assert.Equal(ids, oldest);
    }

    [Fact]
    public async Task ALinkHeaderPointsToTheNextPageWhileThereIsOne()
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        for (var i = 0; i < 5; i++) await client.CreatePotholeAsync(key);
        var first = await client.FetchAsync("/open311/v2/requests.json?per_page=2&status=open");
        Assert.Equal("<http://localhost/open311/v2/requests.json?per_page=2&status=open&page=2>; rel=\"next\"", first.Header("Link"));
        var second = await client.FetchAsync("/open311/v2/requests.xml?per_page=2&page=2");
        Assert.Equal("<http://localhost/open311/v2/requests.xml?per_page=2&page=3>; rel=\"next\"", second.Header("Link"));
        var last = await client.FetchAsync("/open311/v2/requests.json?per_page=2&page=3");
        Assert.Single(last.Ids());
        Assert.Equal("", last.Header("Link"));
        var exact = await client.FetchAsync("/open311/v2/requests.json?per_page=5");
        Assert.Equal("", exact.Header("Link"));
        // A key sent in the query is not repeated into the header, which proxies log (the next page needs none:
        // a search is public; a client that sends one sends it again).
        var keyed = await client.FetchAsync($"/open311/v2/requests.json?api_key={key}&per_page=2");
        Assert.Equal(HttpStatusCode.OK, keyed.Status);
        Assert.Equal("<http://localhost/open311/v2/requests.json?per_page=2&page=2>; rel=\"next\"", keyed.Header("Link"));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task QSearchesDescriptionAddressServiceNameAndPublicNotes(string format)
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var couch = (await client.CreatePotholeAsync(key, ("description", "An abandoned couch blocks the lane"))).Id;
        var street = (await client.CreatePotholeAsync(key, ("description", "Crater"), ("address_string", "4700 Guadalupe St"))).Id;
        var dumping = await CreateAsync(client, key, "SWSDUMPI", ("attribute[DUMPTYPE][]", "tires"), ("description", "Tires"));
        Assert.Equal([couch], (await client.FetchAsync($"/open311/v2/requests.{format}?q=abandoned")).Ids());
        Assert.Equal([couch], (await client.FetchAsync($"/open311/v2/requests.{format}?q=Couch%20lane")).Ids());
        Assert.Equal([couch], (await client.FetchAsync($"/open311/v2/requests.{format}?q=couches")).Ids());
        Assert.Equal([street], (await client.FetchAsync($"/open311/v2/requests.{format}?q=guadalupe")).Ids());
        Assert.Equal([dumping], (await client.FetchAsync($"/open311/v2/requests.{format}?q=illegal%20dumping")).Ids());
        Assert.Empty((await client.FetchAsync($"/open311/v2/requests.{format}?q=couch%20guadalupe")).Ids());
        Assert.Empty((await client.FetchAsync($"/open311/v2/requests.{format}?q=%22NEAR%20OR%20*")).Ids());
    }

    [Fact]
    public async Task QCombinesWithTheOtherFilters()
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        await client.CreatePotholeAsync(key, ("description", "abandoned car"));
        var grass = await CreateAsync(client, key, "CCGRASS", ("description", "abandoned lot"));
        Assert.Equal([grass], (await client.FetchAsync("/open311/v2/requests.json?q=abandoned&service_code=CCGRASS")).Ids());
        Assert.Empty((await client.FetchAsync("/open311/v2/requests.json?q=abandoned&status=closed")).Ids());
    }
}
