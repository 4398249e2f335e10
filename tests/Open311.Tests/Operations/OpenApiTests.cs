using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

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
            foreach (var name in parameters.Append("jurisdiction_id"))
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

    // Routes a client has no use for: the web pages (HTML for people, CONTRACT §12), their files, the document itself
    // and its viewer, and /metrics (Prometheus text for a scraper, not an API a client is generated for).
    static bool Undocumented(RouteEndpoint e) =>
        e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null
        || e.RoutePattern.RawText is not { } path
        || !(path.StartsWith("/open311") || path.StartsWith("/api/") || path is "/healthz" or "/readyz")
        || path.StartsWith("/docs") || path.StartsWith("/openapi") || path.StartsWith("/metrics");

    static string OpenApiPath(string route) =>
        System.Text.RegularExpressions.Regex.Replace("/" + route.TrimStart('/'), @"\{([^}:?]+)[^}]*\}", "{$1}");

    static async Task<(OpenApiDocument Document, Open311App App)> ReadBackAsync()
    {
        var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var (document, diagnostic) = OpenApiDocument.Parse(reply.Body, "json");
        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => $"{e.Pointer}: {e.Message}"));
        return (document, app);
    }

    static IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        from path in document.Paths
        from operation in path.Value.Operations!
        select (path.Key, operation.Key, operation.Value);

    [Fact]
    public async Task TheDocumentReadsBackValidAndHasEveryEndpointTheAppMaps()
    {
        var (document, app) = await ReadBackAsync();
        await using var _ = app;
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => !Undocumented(e)).ToList();
        Assert.True(mapped.Count > 30, $"only {mapped.Count} endpoints found");
        foreach (var endpoint in mapped)
        {
            var path = OpenApiPath(endpoint.RoutePattern.RawText!);
            Assert.True(document.Paths.TryGetValue(path, out var item), $"{path} is mapped but not in the document");
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m != "HEAD"))
                Assert.True(item!.Operations!.ContainsKey(new HttpMethod(method)), $"{method} {path} is mapped but not in the document");
        }
        foreach (var route in new[] { "/healthz", "/readyz", "/open311/v2/requests/nearby.{format}", "/open311/v2/servicerequestupdates.{format}" })
            Assert.True(document.Paths.ContainsKey(route), route);
    }

    [Fact]
    public async Task EveryOperationSaysWhoMayCallItAndEveryErrorItCanAnswerWithItsSchema()
    {
        var (document, app) = await ReadBackAsync();
        await using var _ = app;
        Assert.Equal(SecuritySchemeType.ApiKey, document.Components!.SecuritySchemes!["api_key"].Type);
        Assert.Equal(ParameterLocation.Query, document.Components.SecuritySchemes["api_key"].In);
        Assert.Equal("bearer", document.Components.SecuritySchemes["bearer"].Scheme);
        foreach (var (path, method, operation) in Operations(document))
        {
            var name = $"{method} {path}";
            var staff = path.StartsWith("/api/");
            var geoReport = path.StartsWith("/open311/") && !path.StartsWith("/open311/media");
            // Security: a list of alternatives; an empty one means "no key needed" and is only on public routes.
            Assert.NotNull(operation.Security);
            Assert.NotEmpty(operation.Security);
            var anonymous = operation.Security.Any(r => r.Count == 0);
            var needsKey = staff || geoReport && (method == HttpMethod.Post || path.Contains("servicerequestupdates"));
            Assert.True(anonymous != needsKey, $"{name}: {(needsKey ? "needs a key but is open" : "is public but asks for a key")}");
            if (staff || geoReport)
                foreach (var scheme in new[] { "api_key", "bearer" })
                    Assert.Contains(operation.Security, r => r.Keys.Any(k => k.Reference.Id == scheme));

            // Errors: each with its schema (the GeoReport list or problem details) and the statuses this route can answer.
            var errors = operation.Responses!.Where(r => r.Key[0] is '4' or '5').ToList();
            Assert.True(errors.Count > 0, $"{name} lists no error");
            foreach (var (status, response) in errors)
            {
                var type = staff ? "application/problem+json" : "application/json";
                Assert.True(response.Content?.TryGetValue(type, out var media) == true && media.Schema is not null, $"{name} {status} has no {type} schema");
                if (geoReport) Assert.Equal("Errors", ((OpenApiSchemaReference)response.Content![type].Schema!).Reference.Id);
            }
            string[] expected = geoReport ? ["400", "403", "404", "429", "503"] : staff ? ["403", "429", "503"] : path.StartsWith("/open311/media") ? ["404", "429", "503"] : ["503"];
            if (geoReport && method == HttpMethod.Post) expected = [.. expected, "409", "413", "415"];
            if (staff && operation.RequestBody is not null) expected = [.. expected, "400", "413", "415"];
            if (staff && path.Contains('{')) expected = [.. expected, "404"];
            foreach (var status in expected) Assert.True(operation.Responses!.ContainsKey(status), $"{name} lacks {status}");

            // Every success answer has its schema: JSON where it is JSON (an image or a GeoJSON area has its own type; a 204 no body).
            foreach (var (status, response) in operation.Responses!.Where(r => r.Key[0] == '2' && r.Key != "204"))
            {
                Assert.True(response.Content is { Count: > 0 }, $"{name} {status} has no content");
                var described = response.Content!.Where(c => c.Value.Schema is not null).Select(c => c.Key).ToList();
                Assert.True(described.Count > 0, $"{name} {status} has no schema");
                if (geoReport || staff && !path.EndsWith("/area") && !path.Contains("/photos/"))
                    Assert.True(described.Contains("application/json"), $"{name} {status} has no JSON schema");
            }
        }
    }

    [Fact]
    public async Task TheHeadersAreDeclaredWhereTheyAreSentAndRead()
    {
        var (document, app) = await ReadBackAsync();
        await using var _ = app;
        foreach (var header in new[] { "ETag", "Link", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset" })
            Assert.True(document.Components!.Headers!.ContainsKey(header), header);
        foreach (var (path, method, operation) in Operations(document))
        {
            var name = $"{method} {path}";
            var geoReport = path.StartsWith("/open311/") && !path.StartsWith("/open311/media");
            var parameters = operation.Parameters?.Where(p => p.In == ParameterLocation.Header).Select(p => p.Name).ToList() ?? [];
            if (operation.Responses!.TryGetValue("429", out var limited))
                Assert.True(limited.Headers?.ContainsKey("Retry-After") == true, $"{name} 429 lacks Retry-After");
            foreach (var (status, response) in operation.Responses.Where(r => r.Key[0] == '2'))
            {
                if (path is not ("/healthz" or "/readyz") && !path.StartsWith("/open311/media"))
                    Assert.True(response.Headers?.ContainsKey("RateLimit-Remaining") == true, $"{name} {status} lacks RateLimit-*");
                if (geoReport && method == HttpMethod.Get) Assert.True(response.Headers!.ContainsKey("ETag"), $"{name} {status} lacks ETag");
            }
            if (geoReport && method == HttpMethod.Get)
            {
                Assert.Contains("If-None-Match", parameters);
                Assert.True(operation.Responses.ContainsKey("304"), $"{name} lacks 304");
            }
            if (operation.Responses.ContainsKey("412")) Assert.Contains("If-Match", parameters);
            if (geoReport && method == HttpMethod.Post) Assert.Contains("Idempotency-Key", parameters);
        }
        var search = document.Paths["/open311/v2/requests.{format}"].Operations![HttpMethod.Get];
        Assert.True(search.Responses!["200"].Headers!.ContainsKey("Link"));
        Assert.True(document.Paths["/api/v1/requests/{id}"].Operations![HttpMethod.Patch].Responses!.ContainsKey("412"));
        // The media route is no GeoReport resource: no callback, no jurisdiction_id (issue 11).
        var photo = document.Paths["/open311/media/{file}"].Operations![HttpMethod.Get];
        Assert.DoesNotContain(photo.Parameters!, p => p.Name is "callback" or "jurisdiction_id");
    }

    [Fact]
    public async Task TheCreateFormRequiresOnlyItsServiceCodeAndDescribesAttributes()
    {
        var (document, app) = await ReadBackAsync();
        await using var _ = app;
        var body = document.Paths["/open311/v2/requests.{format}"].Operations![HttpMethod.Post].RequestBody!;
        var form = body.Content!["application/x-www-form-urlencoded"].Schema!;
        Assert.Equal(["service_code"], form.Required!);
        Assert.Contains("lat", form.Properties!.Keys);
        Assert.Contains(form.PatternProperties!.Keys, k => System.Text.RegularExpressions.Regex.IsMatch("attribute[WHISHETN]", k)
            && System.Text.RegularExpressions.Regex.IsMatch("attribute[COLOR][]", k) && !System.Text.RegularExpressions.Regex.IsMatch("description", k));
    }

    [Fact]
    public async Task InteractiveDocsAreServedAtDocs()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.StartsWith("text/html", reply.ContentType);
        Assert.Contains("\"url\":\"openapi/v1.json\"", reply.Body); // resolved against the site's base path by scalar.aspnetcore.js
        // A city's own server: none of Scalar's hosted features, no fonts from a CDN.
        foreach (var off in new[] { "\"withDefaultFonts\":false", "\"telemetry\":false", "\"showDeveloperTools\":\"never\"",
                     "\"agent\":{\"disabled\":true}", "\"mcp\":{\"disabled\":true}" })
            Assert.Contains(off, reply.Body);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().FetchAsync("/docs/scalar.js")).Status);
    }
}
