using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Open311.Tests;

// CONTRACT §13: /metrics in Prometheus text with the framework's HTTP metrics and the server's own counters.
public class MetricsTests
{
    static MetricCollector<long> Collect(Open311App app, string instrument) =>
        new(app.Get<System.Diagnostics.Metrics.IMeterFactory>(), ServerMetrics.MeterName, instrument);

    [Fact]
    public async Task CreationsRefusalsStorageErrorsAndPhotoBytesAreCounted()
    {
        await using var app = new Open311App(new() { ["Open311:RateLimits:AnonymousPerMinute"] = "3" });
        var client = app.CreateClient();
        using var created = Collect(app, "open311.requests.created");
        using var refused = Collect(app, "open311.rate_limit.refusals");
        using var failed = Collect(app, "open311.storage.errors");
        using var photos = Collect(app, "open311.photos.stored");
        var key = await app.KeyAsync(perMinute: 2);

        await client.CreatePotholeAsync(key);
        await client.CreatePotholeAsync(key, ("channel", "iphone"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(key))).Status);
        Assert.Equal(["open311", "iphone"], created.GetMeasurementSnapshot().Select(m => (string)m.Tags["channel"]!));
        Assert.Equal(["keyed"], refused.GetMeasurementSnapshot().Select(m => (string)m.Tags["caller"]!));

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.FetchAsync("/open311/v2/services.json")).Status);
        Assert.Equal(["keyed", "anonymous"], refused.GetMeasurementSnapshot().Select(m => (string)m.Tags["caller"]!));

        var other = await app.KeyAsync(perMinute: 100);
        var jpeg = TestImages.Jpeg();
        var withPhoto = await client.PostRequestWithMediaAsync(Fixtures.Pothole(other, ("channel", "made-up-app")), (jpeg, "a.jpg"));
        Assert.Equal(HttpStatusCode.OK, withPhoto.Status);
        Assert.Equal("other", created.LastMeasurement!.Tags["channel"]);
        var stored = Assert.Single(photos.GetMeasurementSnapshot()).Value;
        Assert.InRange(stored, 100, jpeg.Length + 1024); // the cleaned file: about the upload's size

        Assert.Empty(failed.GetMeasurementSnapshot());
        await app.BreakStorageAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.FetchAsync($"/open311/v2/requests.json?api_key={other}")).Status);
        Assert.Equal(1, failed.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task MetricsArePrometheusTextOffTheRateLimit()
    {
        await using var app = new Open311App(new() { ["Open311:RateLimits:AnonymousPerMinute"] = "1" });
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        await client.CreatePotholeAsync(key);
        // Five calls at least, past the anonymous limit of one; an HTTP call's duration is recorded when its
        // response has ended, which a busy machine may report after the next scrape: read until it is there.
        Reply last = null!;
        for (var i = 0; i < 5 || (i < 100 && !last.Body.Contains("http_server_request_duration_seconds_bucket")); i++)
        {
            if (i >= 5) await Task.Delay(100);
            last = await client.FetchAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, last.Status);
        }
        Assert.StartsWith("text/plain", last.ContentType);
        Assert.Contains("# TYPE open311_requests_created_total counter", last.Body);
        Assert.Matches("""open311_requests_created_total\{[^}]*channel="open311"[^}]*\} [1-9]""", last.Body);
        Assert.Contains("http_server_request_duration_seconds_bucket", last.Body);
        Assert.DoesNotContain(key, last.Body);
        // Not a GeoReport resource: not in the OpenAPI document.
        Assert.DoesNotContain("/metrics", (await client.FetchAsync("/openapi/v1.json")).Body);
    }

    // Closed by default (issue 26): this machine may read it, other addresses only from Open311:Metrics:AllowedNetworks.
    [Theory]
    [InlineData(null, "127.0.0.1", true)]
    [InlineData(null, "::1", true)]
    [InlineData(null, "::ffff:127.0.0.1", true)]
    [InlineData(null, "10.1.2.3", false)]
    [InlineData(null, "203.0.113.9", false)]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "203.0.113.9", false)]
    [InlineData("10.0.0.0/8", "127.0.0.1", true)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    public async Task MetricsAreForThisMachineAndTheOperatorsNetworks(string? network, string peer, bool open)
    {
        await using var app = new Open311App(network is null ? null : new() { ["Open311:Metrics:AllowedNetworks:0"] = network });
        var client = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new Peer(peer)))).CreateClient();
        var reply = await client.FetchAsync("/metrics");
        Assert.Equal(open ? HttpStatusCode.OK : HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal(open, reply.Body.Contains("# TYPE"));
    }

    // TestServer has no socket: the call comes from the address the test names.
    sealed class Peer(string address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, proceed) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return proceed();
            });
            next(app);
        };
    }

    // One JSON object a line, each call's lines with its trace id, and no key or personal field in any of them.
    [Fact]
    [Trait("Storage", "pinned")]
    public async Task JsonLogsAreOneObjectALineWithTheTraceIdAndNothingPrivate()
    {
        using var database = TestDatabase.Create("sqlite");
        string key;
        await using (var admin = new Open311App(new() { ["Open311:Storage:ConnectionString"] = database.ConnectionString }, database.Shared()))
            key = await admin.KeyAsync();
        var server = await ServerProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Open311__Logging__Format"] = "json",
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Open311__Photos__Folder"] = Path.Combine(Path.GetTempPath(), "open311-tests", Guid.NewGuid().ToString("N")),
        });
        (string, string)[] personal = [("email", "hidden.person@example.com"), ("phone", "512-555-0142"), ("first_name", "Zebulon")];
        await using (server)
        {
            var created = await server.Client.PostFormAsync($"/open311/v2/requests.json?api_key={key}",
                Fixtures.Pothole(key, personal).Where(f => f.Item1 != "api_key"));
            Assert.Equal(HttpStatusCode.OK, created.Status);
            Assert.Equal(HttpStatusCode.OK, (await server.Client.FetchAsync($"/open311/v2/requests.json?api_key={key}&extensions=true")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await server.Client.FetchAsync("/open311/v2/services.json", bearer: "o311_someone_elses_key")).Status);
        }
        var lines = server.Output.ToList();
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList(); // throws on a line that is not JSON
        var calls = entries.Where(e => e.TryGetProperty("Scopes", out var scopes)
            && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RequestPath", out _))).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, e => Assert.Contains(e.GetProperty("Scopes").EnumerateArray(),
            s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var id) && id.GetString()!.Length == 32));
        foreach (var secret in new[] { key, "o311_someone_elses_key" }.Concat(personal.Select(p => p.Item2)))
            Assert.DoesNotContain(lines, line => line.Contains(secret));
    }
}
