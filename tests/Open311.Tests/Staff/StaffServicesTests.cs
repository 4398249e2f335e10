using System.Net;

namespace Open311.Tests;

public class StaffServicesTests
{
    const string StreetSign = """
        {"service_code":"SIGNDMG","service_name":"Damaged Street Sign","group":"Streets & Transportation",
         "attributes":[{"code":"SIGNTYPE","datatype":"singlevaluelist","description":"Which sign?","order":1,"required":true,
                        "values":[{"key":"stop","name":"Stop sign"},{"key":"other","name":"Another sign"}]}]}
        """;

    [Fact]
    public async Task AServiceCreatedByStaffIsOfferedPubliclyAtOnce()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        var changeset = (await client.FetchAsync("/open311/discovery.json")).Json.GetProperty("changeset").GetString();
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var created = await client.StaffAsync(HttpMethod.Post, "/api/v1/services", staff, StreetSign);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("/api/v1/services/SIGNDMG", created.Header("Location"));
        Assert.Equal("SIGNDMG", created.Json.GetProperty("service_code").GetString());
        Assert.Equal("stop", created.Json.GetProperty("attributes")[0].GetProperty("values")[0].GetProperty("key").GetString());
        Assert.False(created.Json.GetProperty("attributes")[0].TryGetProperty("is_list", out _));

        var definition = await client.FetchAsync("/open311/v2/services/SIGNDMG.json?extensions=true");
        Assert.Equal(HttpStatusCode.OK, definition.Status);
        Assert.True(definition.Json.GetProperty("attributes")[0].GetProperty("required").GetBoolean());
        Assert.Equal("2026-11-01T12:05:00Z", definition.Json.GetProperty("extended_attributes").GetProperty("updated_at").GetString());
        Assert.NotEqual(changeset, (await client.FetchAsync("/open311/discovery.json")).Json.GetProperty("changeset").GetString());
    }

    [Fact]
    public async Task PostingAnExistingCodeIs409AndPutReplaces()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        var again = await client.StaffAsync(HttpMethod.Post, "/api/v1/services", staff, """{"service_code":"PWPOTHOL","service_name":"Again"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.True(again.IsProblem());

        var put = await client.StaffAsync(HttpMethod.Put, "/api/v1/services/PWPOTHOL", staff,
            """{"service_name":"Pothole","active":false,"notice":"Call 311 instead"}""");
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal(0, put.Json.GetProperty("attributes").GetArrayLength());
        var refused = await client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(await app.KeyAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Call 311 instead", refused.Errors[0]);

        var fresh = await client.StaffAsync(HttpMethod.Put, "/api/v1/services/BRANDNEW", staff, """{"service_name":"Brand new"}""");
        Assert.Equal(HttpStatusCode.Created, fresh.Status);
        var mismatch = await client.StaffAsync(HttpMethod.Put, "/api/v1/services/BRANDNEW", staff, """{"service_code":"OTHER","service_name":"x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
    }

    [Fact]
    public async Task AnInvalidDefinitionIsAValidationProblemNamingEachField()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var reply = await client.StaffAsync(HttpMethod.Post, "/api/v1/services", await app.KeyAsync("staff"),
            """{"service_code":"bad code","service_name":"","attributes":[{"code":"1x","datatype":"colour","description":"?","order":1}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.IsProblem());
        var fields = reply.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("service_code", fields);
        Assert.Contains("service_name", fields);
        Assert.Contains("attributes[0].code", fields);
        Assert.Contains("attributes[0].datatype", fields);

        var wrongType = await client.StaffAsync(HttpMethod.Post, "/api/v1/services", await app.KeyAsync("staff"), """{"service_code":"X","service_name":"X","active":"yes"}""");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.Status);
        Assert.Contains("active", wrongType.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var notJson = await client.StaffAsync(HttpMethod.Post, "/api/v1/services", await app.KeyAsync("staff"), "{nope");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.True(notJson.IsProblem());
    }

    [Fact]
    public async Task DeletingAServiceWithRequestsDeactivatesItAndSaysSo()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        await client.CreatePotholeAsync(await app.KeyAsync());

        var used = await client.StaffAsync(HttpMethod.Delete, "/api/v1/services/PWPOTHOL", staff);
        Assert.Equal(HttpStatusCode.OK, used.Status);
        Assert.Equal("deactivated", used.Json.GetProperty("outcome").GetString());
        Assert.False((await client.StaffGetAsync("/api/v1/services/PWPOTHOL", staff)).Json.GetProperty("active").GetBoolean());

        var unused = await client.StaffAsync(HttpMethod.Delete, "/api/v1/services/SWSGRAFF", staff);
        Assert.Equal("deleted", unused.Json.GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.StaffGetAsync("/api/v1/services/SWSGRAFF", staff)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync("/open311/v2/services/SWSGRAFF.json")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.StaffAsync(HttpMethod.Delete, "/api/v1/services/SWSGRAFF", staff)).Status);
    }

    [Fact]
    public async Task TheListHasEveryServiceWithItsAttributes()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var list = await client.StaffGetAsync("/api/v1/services", await app.KeyAsync("staff"));
        var services = list.Json.EnumerateArray().ToList();
        Assert.Equal((await client.FetchAsync("/open311/v2/services.json")).Json.GetArrayLength(), services.Count);
        var pothole = services.Single(s => s.GetProperty("service_code").GetString() == "PWPOTHOL");
        Assert.Equal(4, pothole.GetProperty("attributes").GetArrayLength());
        Assert.Equal("Streets & Transportation", pothole.GetProperty("group").GetString());
    }
}
