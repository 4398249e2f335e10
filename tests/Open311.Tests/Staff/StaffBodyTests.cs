using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Open311.Tests;

// Staff bodies are read by StaffJson.ReadAsync and checked by their records, without a host: every row is a
// body and the problems it must give (field, message), or none.
[Trait("Storage", "none")]
public class StaffBodyTests
{
    static async Task<T> ReadAsync<T>(string json) where T : class
    {
        var (body, problem) = await StaffJson.ReadAsync<T>(Request(json, "application/json"), default);
        Assert.Null(problem);
        return body!;
    }

    static HttpRequest Request(string body, string? contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }

    static readonly DateCodec Utc = DateCodec.For(null);

    public static TheoryData<string, string?> PatchRows() => new()
    {
        { """{"status":"closed"}""", null },
        { """{"status":"closed","status_notes":"  Fixed.  ","agency_responsible":null,"expected_datetime":"2026-12-01T17:00:00Z"}""", null },
        { """{"status":"pending"}""", "status must be open or closed" },
        { """{"status":null}""", "status must be open or closed" },
        { """{"status":1}""", "status must be open or closed" },
        { """{"status_notes":5}""", "status_notes must be a string or null" },
        { $$"""{"status_notes":"{{new string('n', 4001)}}"}""", "status_notes must be at most 4000 characters" },
        { $$"""{"agency_responsible":"{{new string('a', 201)}}"}""", "agency_responsible must be at most 200 characters" },
        { $$"""{"service_notice":"{{new string('s', 4001)}}"}""", "service_notice must be at most 4000 characters" },
        { """{"expected_datetime":"soon"}""", "expected_datetime must be an ISO 8601 datetime such as 2026-12-01T17:00:00Z, or null" },
        { """{"expected_datetime":17}""", "expected_datetime must be an ISO 8601 datetime such as 2026-12-01T17:00:00Z, or null" },
        { """{"token":"x"}""", "token can't be changed here; the fields are status, status_detail, duplicate_of, external_status_code, expected_datetime, status_notes, agency_responsible, service_notice, team, assignee" },
        { """{"Status":"closed"}""", "Status can't be changed here; the fields are status, status_detail, duplicate_of, external_status_code, expected_datetime, status_notes, agency_responsible, service_notice, team, assignee" },
        { """{"status_detail":"in_progress","duplicate_of":null}""", null },
        { """{"status_detail":"fixed","status":"open"}""", "status is open but status_detail fixed is closed" },
        { """{"status_detail":"mended"}""", "status_detail must be one of submitted, acknowledged, investigating, in_progress, action_scheduled, reopened, fixed, duplicate, not_councils_responsibility, no_further_action, internal_referral, cancelled, closed" },
        { """{"status_detail":"fixed","duplicate_of":"26-00000001"}""", "duplicate_of goes with status_detail duplicate" },
        { "{}", "body changes nothing; send one or more of status, status_detail, duplicate_of, external_status_code, expected_datetime, status_notes, agency_responsible, service_notice, team, assignee" },
    };

    [Theory]
    [MemberData(nameof(PatchRows))]
    public async Task APatchIsCheckedFieldByField(string json, string? problem)
    {
        var (patch, problems) = (await ReadAsync<PatchBody>(json)).Check(Utc);
        if (problem is null)
        {
            Assert.Empty(problems);
            Assert.NotNull(patch);
        }
        else
        {
            Assert.Null(patch);
            Assert.Equal([problem], problems.Select(p => $"{p.Item1} {p.Item2}"));
        }
    }

    [Fact]
    public async Task APatchMapsEachFieldToItsColumnInOrderAndTellsNullFromLeftOut()
    {
        var (patch, _) = (await ReadAsync<PatchBody>(
            """{"expected_datetime":null,"agency_responsible":"Public Works","status_notes":"  ","status":"closed"}""")).Check(Utc);
        Assert.Equal(["status", "status_notes", "agency_responsible", "expected_at"], patch!.Columns.Keys);
        Assert.Null(patch.Columns["status_notes"]); // blank text clears
        Assert.Null(patch.Columns["expected_at"]);
        Assert.Equal("Public Works", patch.Columns["agency_responsible"]);
        Assert.DoesNotContain("service_notice", patch.Columns.Keys); // left out: unchanged
        var (dated, _) = (await ReadAsync<PatchBody>("""{"expected_datetime":"2026-12-01T17:00:00Z"}""")).Check(Utc);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T17:00:00Z").ToUnixTimeMilliseconds(), dated!.Columns["expected_at"]);
    }

    public static TheoryData<string, string?> NoteRows() => new()
    {
        { """{"description":"Crew on the way","public":true}""", null },
        { """{"description":"Crew on the way","summary":"Crew"}""", null },
        { """{}""", "description is required" },
        { """{"description":"   "}""", "description is required" },
        { """{"description":null}""", "description is required" },
        { """{"description":7}""", "description must be a string" },
        { $$"""{"description":"{{new string('d', 4001)}}"}""", "description must be at most 4000 characters" },
        { $$"""{"description":"x","summary":"{{new string('s', 201)}}"}""", "summary must be at most 200 characters" },
        { """{"description":"x","public":"yes"}""", "public must be true or false" },
        { """{"description":"x","public":null}""", "public must be true or false" },
        { """{"description":"x","private":true}""", "private is not a field of a note" },
    };

    [Theory]
    [MemberData(nameof(NoteRows))]
    public async Task ANoteIsCheckedFieldByField(string json, string? problem)
    {
        var (note, problems) = (await ReadAsync<NoteBody>(json)).Check();
        if (problem is null) Assert.NotNull(note);
        else Assert.Equal([problem], problems.Select(p => $"{p.Item1} {p.Item2}"));
    }

    [Fact]
    public async Task ANoteIsTrimmedAndPrivateUnlessSaidOtherwise()
    {
        var (note, _) = (await ReadAsync<NoteBody>("""{"description":"  Crew on the way  "}""")).Check();
        Assert.Equal(new NewNote("Crew on the way", null, false), note);
    }

    public static TheoryData<string, bool, string?> KeyRows() => new()
    {
        { """{"name":"Partner app"}""", true, null },
        { """{"name":"Partner app","role":"staff","per_minute":120}""", true, null },
        { """{"per_minute":null}""", false, null },
        { """{}""", true, "name is required: who the key is for" },
        { """{}""", false, "body changes nothing; send name, role or per_minute" },
        { """{"name":"  "}""", true, "name must be 1 to 100 characters" },
        { """{"name":3}""", true, "name must be 1 to 100 characters" },
        { $$"""{"name":"{{new string('k', 101)}}"}""", true, "name must be 1 to 100 characters" },
        { """{"name":"x","role":"root"}""", true, "role must be client, staff or admin" },
        { """{"name":"x","role":null}""", true, "role must be client, staff or admin" },
        { """{"name":"x","per_minute":0}""", true, "per_minute must be a whole number from 1 to 1000000, or null for the default" },
        { """{"name":"x","per_minute":1000001}""", true, "per_minute must be a whole number from 1 to 1000000, or null for the default" },
        { """{"name":"x","per_minute":2.5}""", true, "per_minute must be a whole number from 1 to 1000000, or null for the default" },
        { """{"name":"x","per_minute":"60"}""", true, "per_minute must be a whole number from 1 to 1000000, or null for the default" },
        { """{"name":"x","secret":"o311_x"}""", true, "secret is not a field of a key" },
    };

    [Theory]
    [MemberData(nameof(KeyRows))]
    public async Task AKeyIsCheckedFieldByField(string json, bool creating, string? problem)
    {
        var (change, problems) = (await ReadAsync<KeyBody>(json)).Check(creating);
        if (problem is null) Assert.Empty(problems);
        else Assert.Equal([problem], problems.Select(p => $"{p.Item1} {p.Item2}"));
        if (json == """{"per_minute":null}""") Assert.True(change.ClearLimit);
    }

    [Theory]
    [InlineData("{\"name\":\"x\"}", "text/plain", 415, null)]
    [InlineData("{\"name\":", "application/json", 400, "body")]
    [InlineData("[1,2]", "application/json", 400, "body")]
    public async Task ABodyThatIsNotAJsonObjectIsAProblemBeforeItsRecordSeesIt(string body, string contentType, int status, string? field)
    {
        var (read, problem) = await StaffJson.ReadAsync<KeyBody>(Request(body, contentType), default);
        Assert.Null(read);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging()
            .AddProblemDetails().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await problem!.ExecuteAsync(context);
        Assert.Equal(status, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var text = new StreamReader(context.Response.Body).ReadToEnd();
        if (field is not null) Assert.Contains($"\"{field}\"", text);
    }

    [Fact]
    public async Task AServiceWithAValueOfTheWrongTypeNamesTheField()
    {
        var (service, problem) = await StaffJson.ReadAsync<CatalogService>(Request("""{"service_code":"X","active":"sometimes"}""", "application/json"), default);
        Assert.Null(service);
        Assert.NotNull(problem);
        var (ok, none) = await StaffJson.ReadAsync<CatalogService>(Request("""{"service_code":"X","service_name":"Y"}""", "application/json"), default);
        Assert.Null(none);
        Assert.Equal("Y", ok!.ServiceName);
    }
}
