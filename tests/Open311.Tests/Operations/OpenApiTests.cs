using System.Net;
using System.Text.Json;

namespace Open311.Tests;

public class OpenApiTests
{
    static readonly Dictionary<string, string[]> PublicOperations = new()
    {
        ["get /open311/discovery.{format}"] = ["format"],
        ["get /open311/v2/discovery.{format}"] = ["format"],
        ["get /open311/v2/services.{format}"] = ["format", "lat", "long"],
        ["get /open311/v2/services/{service_code}.{format}"] = ["format", "service_code", "extensions"],
        ["get /open311/v2/requests.{format}"] = ["format", "service_request_id", "service_code", "status", "start_date", "end_date",
            "updated_after", "updated_before", "q", "per_page", "page_size", "page", "order", "extensions", "lat", "long", "radius", "bbox"],
        ["get /open311/v2/requests/nearby.{format}"] = ["format", "service_code", "lat", "long", "extensions"],
        ["post /open311/v2/requests.{format}"] = ["format"],
        ["get /open311/v2/requests/{service_request_id}.{format}"] = ["format", "service_request_id", "extensions"],
        ["get /open311/v2/tokens/{token}.{format}"] = ["format", "token"],
    };

    [Fact]
    public async Task TheDocumentDescribesEveryPublicEndpointAndParameter()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var paths = reply.Json.GetProperty("paths");
        foreach (var (operation, parameters) in PublicOperations)
        {
            var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.True(item.TryGetProperty(method, out var op), operation);
            var names = op.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
            foreach (var name in parameters.Append("jurisdiction_id").Append("api_key"))
            {
                Assert.True(names.ContainsKey(name), $"{operation} lacks {name}");
                Assert.False(string.IsNullOrEmpty(names[name].GetProperty("description").GetString()), $"{operation} {name} undocumented");
            }
            // CONTRACT §10: the request lists, the nearby lookup and one request also answer GeoJSON.
            string[] formats = path.StartsWith("/open311/v2/requests") && method == "get" ? ["json", "xml", "geojson"] : ["json", "xml"];
            Assert.Equal(formats, names["format"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
            if (method == "get") Assert.True(names.ContainsKey("callback"));
        }
        var form = paths.GetProperty("/open311/v2/requests.{format}").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(form.TryGetProperty("application/x-www-form-urlencoded", out _));
        Assert.True(form.TryGetProperty("multipart/form-data", out _));
    }

    [Fact]
    public async Task InteractiveDocsAreServedAtDocs()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.StartsWith("text/html", reply.ContentType);
        Assert.Contains("\"url\":\"openapi/v1.json\"", reply.Body); // resolved against the site's base path by scalar.aspnetcore.js
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().FetchAsync("/docs/scalar.js")).Status);
    }
}
