using System.Net.Sockets;
using System.Text;

namespace Open311.Tests;

// Through real Kestrel on a loopback port, with the exact bytes a hostile client sends (the in-memory host
// applies none of Kestrel's limits). What the application answers is in the caller's format; the few things
// Kestrel still refuses itself, with an empty body, are the ones the README lists.
public class KestrelRefusalTests : IAsyncLifetime
{
    readonly Open311App app = new();
    Uri server = null!;

    public Task InitializeAsync()
    {
        app.UseKestrel(0);
        app.StartServer();
        server = app.CreateClient().BaseAddress!;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    sealed record RawReply(int Status, string Head, string Body)
    {
        public string ContentType => Head.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Trim() ?? "";
    }

    // One request on its own connection, read to the end (the server closes it: Connection: close).
    async Task<RawReply> SendAsync(string target, string extraHeaders = "", string version = "HTTP/1.1")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var request = $"GET {target} {version}\r\nHost: {server.Authority}\r\nConnection: close\r\n{extraHeaders}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var read = new MemoryStream();
        try { await stream.CopyToAsync(read); } catch (IOException) { } // Kestrel may reset after refusing
        var text = Encoding.UTF8.GetString(read.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        return new RawReply(int.Parse(head.Split(' ')[1]), head, body);
    }

    static string Ids(int count) => string.Join(",", Enumerable.Range(1, count).Select(i => $"26-{i:D8}"));

    [Fact]
    public async Task A5000IdListIsReadByTheApplicationNotRefusedByKestrel()
    {
        var reply = await SendAsync($"/open311/v2/requests.json?service_request_id={Ids(5000)}");
        Assert.Equal(400, reply.Status);
        Assert.StartsWith("application/json", reply.ContentType);
        Assert.Contains($"may list at most {RequestSearch.MaxIds} ids", reply.Body);
    }

    [Theory]
    [InlineData("json", "application/json")]
    [InlineData("xml", "text/xml")]
    public async Task AUrlOverTheApplicationsLimitIs414InTheAskedFormat(string format, string contentType)
    {
        var reply = await SendAsync($"/open311/v2/requests.{format}?x={new string('a', 200 * 1024)}");
        Assert.Equal(414, reply.Status);
        Assert.StartsWith(contentType, reply.ContentType);
        Assert.Contains("this server reads URLs of at most 131072 bytes", reply.Body);
    }

    [Fact]
    public async Task LargeOrManyHeadersAre431InTheAskedFormat()
    {
        var large = await SendAsync("/open311/v2/services.xml", $"X-Padding: {new string('p', 40 * 1024)}\r\n");
        Assert.Equal(431, large.Status);
        Assert.StartsWith("text/xml", large.ContentType);
        Assert.Contains("<error><code>431</code>", large.Body);

        var many = await SendAsync("/api/v1/services", string.Concat(Enumerable.Range(0, 150).Select(i => $"X-H{i}: 1\r\n")));
        Assert.Equal(431, many.Status);
        Assert.StartsWith("application/problem+json", many.ContentType);
    }

    [Fact]
    public async Task TextXmlCannotCarryInAPathIsRefusedInFormat()
    {
        var control = await SendAsync("/open311/v2/requests/a%01b.xml");
        Assert.Equal(400, control.Status);
        Assert.Contains("service_request_id must not contain control characters", control.Body);

        var notUtf8 = await SendAsync("/open311/v2/requests/%ED%A0%80.json");
        Assert.Equal(400, notUtf8.Status);
        Assert.StartsWith("application/json", notUtf8.ContentType);
        Assert.Contains("path is not valid UTF-8", notUtf8.Body);

        // Without a key the staff API's role check comes first (403); with one, the path's text is refused (400).
        var staff = await SendAsync("/api/v1/requests/a%1Fb");
        Assert.Equal(403, staff.Status);
        Assert.StartsWith("application/problem+json", staff.ContentType);
        staff = await SendAsync("/api/v1/requests/a%1Fb", $"Authorization: Bearer {await app.KeyAsync("staff")}\r\n");
        Assert.Equal(400, staff.Status);
        Assert.StartsWith("application/problem+json", staff.ContentType);
    }

    // The documented exceptions (README, "what real clients send"): Kestrel answers these before any
    // application code runs, so with its own empty bodies.
    [Fact]
    public async Task OnlyMalformedHttpIsRefusedByKestrelItself()
    {
        var beyondKestrel = await SendAsync($"/open311/v2/requests.json?x={new string('a', 600 * 1024)}");
        Assert.Equal(414, beyondKestrel.Status);
        Assert.Equal("", beyondKestrel.Body);

        var nul = await SendAsync("/open311/v2/requests/a%00b.json");
        Assert.Equal(400, nul.Status);
        Assert.Equal("", nul.Body);

        var version = await SendAsync("/open311/v2/services.json", version: "HTTP/1.7");
        Assert.Equal(505, version.Status);
    }
}
