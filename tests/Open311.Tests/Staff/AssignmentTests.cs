using System.Net;

namespace Open311.Tests;

// Issue 28: a new request goes to its service's default team and is due by its target; staff assign it to a team
// and a person through PATCH; nobody's name or email ever reaches a public answer.
public class AssignmentTests
{
    static async Task<(Open311App App, HttpClient Client, string Admin)> CityAsync(Dictionary<string, string?>? settings = null)
    {
        var app = new Open311App(settings ?? new() { ["Open311:TimeZone"] = "America/Chicago", ["Open311:Holidays"] = "2026-11-03" });
        var client = app.CreateClient();
        var admin = await app.KeyAsync("admin");
        await app.Get<UserStore>().CreateAsync("lee@city.gov", "Lee Park", "staff", null, Actor.Command);
        Assert.Equal(HttpStatusCode.Created, (await client.StaffAsync(HttpMethod.Post, "/api/v1/teams", admin,
            """{"id":"streets","name":"Streets","public_name":"Public Works: Streets","members":["lee@city.gov"]}""")).Status);
        Assert.Equal(HttpStatusCode.Created, (await client.StaffAsync(HttpMethod.Post, "/api/v1/teams", admin,
            """{"id":"parks","name":"Parks","public_name":"Parks and Recreation"}""")).Status);
        return (app, client, admin);
    }

    [Fact]
    public async Task ANewRequestGoesToItsServicesDefaultTeamAndIsDueByItsTarget()
    {
        var (app, client, admin) = await CityAsync();
        await using var _ = app;
        // Before the service has a team or a target: both stay empty, as before.
        var (other, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        await client.StaffAsync(HttpMethod.Put, "/api/v1/services/PWPOTHOL", admin,
            """{"service_name":"Pothole Repair","default_team":"streets","sla":{"amount":2,"unit":"work_days"}}""");
        // Sunday 2026-11-01 06:00 in Austin; Monday is the first work day, Tuesday 3 November a holiday: due Wednesday's close.
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());

        var staff = await client.StaffGetAsync($"/api/v1/requests/{id}", admin);
        Assert.Equal("streets", staff.Json.GetProperty("team").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, staff.Json.GetProperty("assignee").ValueKind);
        Assert.Equal("Public Works: Streets", staff.Json.GetProperty("agency_responsible").GetString());
        var due = DateTimeOffset.Parse(staff.Json.GetProperty("expected_datetime").GetString()!);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 17, 0, 0, TimeSpan.FromHours(-6)), due);

        var wire = (await client.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0];
        Assert.Equal("Public Works: Streets", wire.GetProperty("agency_responsible").GetString());
        Assert.Equal(due, DateTimeOffset.Parse(wire.GetProperty("expected_datetime").GetString()!));

        var plain = await client.StaffGetAsync($"/api/v1/requests/{other}", admin);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.Json.GetProperty("team").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.Json.GetProperty("expected_datetime").ValueKind);
    }

    [Fact]
    public async Task StaffAssignATeamAndAPersonAndNoPublicAnswerNamesThem()
    {
        var (app, client, admin) = await CityAsync();
        await using var _ = app;
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());

        var assigned = await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", admin, """{"team":"streets","assignee":"Lee@City.gov"}""");
        Assert.Equal(HttpStatusCode.OK, assigned.Status);
        Assert.Equal("streets", assigned.Json.GetProperty("team").GetString());
        Assert.Equal("lee@city.gov", assigned.Json.GetProperty("assignee").GetString());
        Assert.Equal("Public Works: Streets", assigned.Json.GetProperty("agency_responsible").GetString());

        var history = await client.StaffGetAsync($"/api/v1/requests/{id}/history", admin);
        var entry = history.Json.EnumerateArray().Last();
        Assert.Equal("streets", entry.GetProperty("detail").GetProperty("team").GetString());
        Assert.True(entry.GetProperty("detail").GetProperty("assignee_user_id").GetInt64() > 0);
        Assert.DoesNotContain("lee@city.gov", history.Body);

        foreach (var path in new[] { $"/open311/v2/requests/{id}.json?extensions=true", $"/open311/v2/requests/{id}.xml?extensions=true",
                     "/open311/v2/requests.json?extensions=true", "/open311/v2/requests.geojson", $"/track/{id}" })
        {
            var body = (await client.FetchAsync(path)).Body;
            Assert.DoesNotContain("lee@city.gov", body);
            Assert.DoesNotContain("Lee Park", body);
            Assert.DoesNotContain("\"streets\"", body);
        }

        // Another team: its public name follows; nobody assigned.
        var moved = await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", admin, """{"team":"parks","assignee":null}""");
        Assert.Equal("parks", moved.Json.GetProperty("team").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, moved.Json.GetProperty("assignee").ValueKind);
        Assert.Equal("Parks and Recreation", moved.Json.GetProperty("agency_responsible").GetString());
    }

    [Theory]
    [InlineData("""{"team":"roads"}""", 404)]
    [InlineData("""{"assignee":"nobody@city.gov"}""", 404)]
    [InlineData("""{"team":"Not An Id"}""", 400)]
    [InlineData("""{"assignee":"lee"}""", 400)]
    [InlineData("""{"team":7}""", 400)]
    public async Task AnUnknownTeamOrPersonChangesNothing(string json, int status)
    {
        var (app, client, admin) = await CityAsync();
        await using var _ = app;
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var before = await client.StaffGetAsync($"/api/v1/requests/{id}", admin);
        var reply = await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", admin, json);
        Assert.Equal(status, (int)reply.Status);
        var after = await client.StaffGetAsync($"/api/v1/requests/{id}", admin);
        Assert.Equal(before.Json.GetProperty("version").GetInt64(), after.Json.GetProperty("version").GetInt64());
    }
}
