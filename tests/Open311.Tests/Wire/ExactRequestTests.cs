using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Open311.Tests;

// The smaller points of hostile input: exact names, repeated fields, two keys, HEAD, the role before the content,
// and 413 for a body too large that says no length.
public class ExactRequestTests
{
    static async Task<Reply> SendAsync(HttpClient client, HttpRequestMessage message) => await client.SendAsync(message).ReplyAsync();

    [Fact]
    public async Task ParameterNamesAreExactAWronglyCasedOneIsIgnoredAsAnyUnknownOne()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        await client.CreatePotholeAsync(key);
        await client.CreatePotholeAsync(key);
        Assert.Single((await client.FetchAsync("/open311/v2/requests.json?per_page=1")).Json.EnumerateArray());
        Assert.Equal(2, (await client.FetchAsync("/open311/v2/requests.json?PER_PAGE=1")).Json.GetArrayLength());
        Assert.Single((await client.FetchAsync("/open311/v2/requests.json?per_page=1&PER_PAGE=x")).Json.EnumerateArray());

        var form = Fixtures.Pothole(key).Select(f => f.Item1 == "service_code" ? ("SERVICE_CODE", f.Item2) : f).ToList();
        var refused = await client.PostFormAsync("/open311/v2/requests.json", form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("service_code is required", Assert.Single(refused.Errors));
        Assert.Equal(2, (await client.FetchAsync("/open311/v2/requests.json")).Json.GetArrayLength());
    }

    [Theory]
    [InlineData("service_code")]
    [InlineData("lat")]
    [InlineData("description")]
    public async Task AFieldSentTwiceInAFormIsRefusedAsInAQueryAndNothingIsStored(string field)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var form = Fixtures.Pothole(key, ("description", "first"));
        form.Add((field, form.First(f => f.Item1 == field).Item2));
        foreach (var format in Http.Formats)
        {
            var reply = await client.PostFormAsync($"/open311/v2/requests.{format}", form);
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal($"{field} was sent more than once; send it once", Assert.Single(reply.Errors));
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await client.FetchAsync("/open311/v2/requests.json?lat=30.2&lat=30.3&long=-97.7&radius=10")).Status);
        Assert.Empty((await client.FetchAsync("/open311/v2/requests.json")).Json.EnumerateArray());
    }

    // CONTRACT §5: service_code is a comma list, so sent twice it is a single-valued parameter repeated, as lat is.
    [Fact]
    public async Task AGetParameterSentTwiceIs400InTheAskedFormatOnBothAPIsNotItsValuesMerged()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        await client.CreatePotholeAsync(key);
        Assert.Single((await client.FetchAsync("/open311/v2/requests.json?service_code=PWPOTHOL,SWSGRAFF")).Json.EnumerateArray());
        foreach (var format in Http.Formats)
            foreach (var url in new[] { $"/open311/v2/requests.{format}?service_code=PWPOTHOL&service_code=SWSGRAFF",
                         $"/open311/v2/requests/nearby.{format}?service_code=PWPOTHOL&service_code=PWPOTHOL&lat=30.2672&long=-97.7431",
                         $"/open311/v2/services.{format}?jurisdiction_id=austintexas.gov&jurisdiction_id=austintexas.gov" })
            {
                var reply = await client.FetchAsync(url);
                Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
                Assert.Equal(format == "xml" ? Http.Xml : Http.Json, reply.ContentType);
                Assert.Matches("^(service_code|jurisdiction_id) was sent more than once; send it once$", Assert.Single(reply.Errors));
            }
        var staffReply = await client.StaffGetAsync("/api/v1/requests?service_code=PWPOTHOL&service_code=SWSGRAFF", staff);
        Assert.Equal(HttpStatusCode.BadRequest, staffReply.Status);
        Assert.True(staffReply.IsProblem(), staffReply.ContentType);
        Assert.True(staffReply.Json.GetProperty("errors").TryGetProperty("service_code", out _), staffReply.Body);
        // The same key twice in the query is one key, as two equal Authorization headers are.
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync($"/open311/v2/requests.json?api_key={key}&api_key={key}")).Status);
    }

    [Fact]
    public async Task TwoDifferentAuthorizationHeadersAre400OnBothAPIs()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        var other = await app.KeyAsync("staff", name: "other");
        foreach (var url in new[] { "/open311/v2/requests.json", "/api/v1/services" })
        {
            var message = new HttpRequestMessage(HttpMethod.Get, url);
            message.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {staff}", $"Bearer {other}"]);
            var reply = await SendAsync(client, message);
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.DoesNotContain(staff, reply.Body);
            var same = new HttpRequestMessage(HttpMethod.Get, url);
            same.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {staff}", $"Bearer {staff}"]);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, same)).Status);
        }
    }

    [Theory]
    [InlineData("/open311/v2/services.json", null)]
    [InlineData("/open311/v2/requests.xml", null)]
    [InlineData("/open311/v2/discovery.json", null)]
    [InlineData("/api/v1/services", "staff")]
    [InlineData("/readyz", null)]
    [InlineData("/", null)]
    public async Task HeadIsAnsweredWhereverGetIsWithTheSameStatusAndHeadersAndNoBody(string url, string? role)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = role is null ? null : await app.KeyAsync(role);
        var get = await client.FetchAsync(url, key);
        var message = new HttpRequestMessage(HttpMethod.Head, url);
        if (key is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var head = await SendAsync(client, message);
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal(get.Status, head.Status);
        Assert.Equal(get.ContentType, head.ContentType);
        Assert.Equal("", head.Body);
    }

    [Fact]
    public async Task OnStaffRoutesTheRoleIsCheckedBeforeContentTypePathTextAndBody()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(key);
        HttpRequestMessage Photo(string? bearer)
        {
            var m = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/requests/{id}/photos") { Content = new StringContent("x", Encoding.UTF8, "text/plain") };
            if (bearer is not null) m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return m;
        }
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await SendAsync(client, Photo(staff))).Status);
        foreach (var bearer in new[] { key, null })
        {
            var calls = new[]
            {
                Photo(bearer),
                new HttpRequestMessage(HttpMethod.Post, "/api/v1/services") { Content = new StringContent("{not json", Encoding.UTF8, "application/json") },
                new HttpRequestMessage(HttpMethod.Get, "/api/v1/no/such/route"),
                new HttpRequestMessage(HttpMethod.Delete, "/api/v1/services"),
                new HttpRequestMessage(HttpMethod.Get, "/api/v1/requests/a%01b"),
                new HttpRequestMessage(HttpMethod.Get, "/api/v1/requests?q=a%00b"),
            };
            foreach (var call in calls)
            {
                if (bearer is not null) call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                var reply = await SendAsync(client, call);
                Assert.True(reply.Status == HttpStatusCode.Forbidden, $"{call.Method} {call.RequestUri}: {(int)reply.Status}");
                Assert.StartsWith("application/problem+json", reply.ContentType);
            }
        }
    }

    // A body with no length that grows past the limit: 413 in the caller's format, whatever the form held. Every
    // field has a name of its own, so the form reader, left to itself, stops at its 1,024 fields (400 "too many
    // fields", the issue's finding) long before the size limit: only measuring the body first makes it 413.
    sealed class Endless(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (long sent = 0, n = 0; sent < length; n += 1000)
            {
                var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 1000).Select(i => $"f{n + i}=v&")));
                await stream.WriteAsync(chunk);
                sent += chunk.Length;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    // The factory's default client follows redirects, and to do so it buffers a request's body and sends it with a
    // Content-Length: the body would then be refused on its length before a byte is read, never as a chunked body.
    static HttpClient Chunking(Open311App app) => app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = app.ClientOptions.BaseAddress });

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "json")]
    [InlineData("application/x-www-form-urlencoded", "xml")]
    [InlineData("multipart/form-data; boundary=xyz", "json")]
    public async Task AnOversizedChunkedFormBodyIs413(string contentType, string format)
    {
        await using var app = new Open311App(new() { ["Open311:MaxRequestBodyBytes"] = "200000" });
        var client = Chunking(app);
        var content = new Endless(1_000_000);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var reply = await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, $"/open311/v2/requests.{format}") { Content = content });
        Assert.Null(content.Headers.ContentLength); // sent chunked, not buffered into a length
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal(format == "xml" ? Http.Xml : Http.Json, reply.ContentType);
        Assert.Equal("The request body is larger than the limit of 200000 bytes", Assert.Single(reply.Errors));
    }

    // The same through real Kestrel, whose form reading differs from the in-memory host's (it answered 400 "too many
    // fields" before the body was measured); and HEAD there, where Kestrel itself keeps the body back.
    [Fact]
    public async Task ThroughKestrelAnOversizedChunkedBodyIs413AndHeadHasNoBody()
    {
        await using var app = new Open311App(new() { ["Open311:MaxRequestBodyBytes"] = "200000" });
        app.UseKestrel(0);
        app.StartServer();
        var client = Chunking(app);
        // A little over the limit: the server answers 413 once it has read 200,000 bytes and closes the connection,
        // and a client still writing megabytes then fails on a broken pipe before it reads the answer (a race seen in
        // test.sh). The rest of this body fits in the socket's buffers, so the client always gets to the answer.
        var content = new Endless(260_000);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        var reply = await SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json") { Content = content });
        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal(Http.Json, reply.ContentType);
        Assert.Equal("The request body is larger than the limit of 200000 bytes", Assert.Single(reply.Errors));

        var head = await SendAsync(client, new HttpRequestMessage(HttpMethod.Head, "/open311/v2/services.json"));
        Assert.Equal(HttpStatusCode.OK, head.Status);
        Assert.Equal(Http.Json, head.ContentType);
        Assert.Equal("", head.Body);
    }
}
