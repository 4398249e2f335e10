using System.Net;

namespace Open311.Tests;

// Every staff endpoint, called with no key, a client key, a staff key and an admin key.
public class StaffRolesTests
{
    sealed record Call(string Method, string Url, string? Json = null, bool Photo = false, bool AdminOnly = false);

    static List<Call> Calls(string id) =>
    [
        new("GET", "/api/v1/services"),
        new("POST", "/api/v1/services", """{"service_code":"NEWONE","service_name":"New"}"""),
        new("GET", "/api/v1/services/PWPOTHOL"),
        new("PUT", "/api/v1/services/NEWTWO", """{"service_name":"Two"}"""),
        new("DELETE", "/api/v1/services/SWSGRAFF"),
        new("GET", $"/api/v1/requests/{id}"),
        new("PATCH", $"/api/v1/requests/{id}", """{"agency_responsible":"Public Works"}"""),
        new("POST", $"/api/v1/requests/{id}/notes", """{"description":"Looked at it","public":false}"""),
        new("POST", $"/api/v1/requests/{id}/photos", Photo: true),
        new("GET", $"/api/v1/requests/{id}/photos/1"),
        new("DELETE", $"/api/v1/requests/{id}/photos/1"),
        new("GET", $"/api/v1/requests/{id}/history"),
        new("GET", "/api/v1/keys", AdminOnly: true),
        new("POST", "/api/v1/keys", """{"name":"Another app"}""", AdminOnly: true),
        new("PATCH", "/api/v1/keys/1", """{"per_minute":120}""", AdminOnly: true),
        new("DELETE", "/api/v1/keys/1", AdminOnly: true),
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("client")]
    [InlineData("staff")]
    [InlineData("admin")]
    public async Task EveryEndpointChecksTheRoleOfTheKey(string? role)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var key = role is null ? null : await app.KeyAsync(role, name: $"{role} key");
        foreach (var call in Calls(id))
        {
            var reply = call.Photo
                ? await client.PostPhotoAsync(id, key, TestImages.Jpeg())
                : await client.StaffAsync(new HttpMethod(call.Method), call.Url, key, call.Json);
            var allowed = role == "admin" || (role == "staff" && !call.AdminOnly);
            if (allowed)
            {
                Assert.True((int)reply.Status is >= 200 and < 300, $"{call.Method} {call.Url} as {role}: {(int)reply.Status} {reply.Body}");
            }
            else
            {
                Assert.True(reply.Status == HttpStatusCode.Forbidden, $"{call.Method} {call.Url} as {role ?? "nobody"}: {(int)reply.Status}");
                Assert.True(reply.IsProblem());
                Assert.Equal(403, reply.Json.GetProperty("status").GetInt32());
            }
        }
    }

    [Fact]
    public async Task ARevokedOrUnknownKeyIsRefusedWithAProblem()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().StaffGetAsync("/api/v1/services", "o311_not-a-key");
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.True(reply.IsProblem());
    }

    [Fact]
    public async Task UnknownStaffRoutesAnswerAProblemNotTheOpen311List()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().StaffGetAsync("/api/v1/nothing-here", await app.KeyAsync("staff"));
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.True(reply.IsProblem());
    }

    [Fact]
    public async Task TheStaffApiIsInTheOpenApiDocument()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/openapi/v1.json");
        var paths = reply.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/services", "/api/v1/services/{code}", "/api/v1/requests/{id}", "/api/v1/requests/{id}/notes",
                     "/api/v1/requests/{id}/photos", "/api/v1/requests/{id}/history", "/api/v1/keys", "/api/v1/keys/{id}", "/open311/media/{file}" })
            Assert.Contains(path, paths);
        Assert.Contains("StaffPatchRequest", reply.Body);
    }
}
