using System.Text.Json;
using System.Text.Json.Serialization;

namespace Open311;

// /api/v1/teams: every staff key reads them; admin keys create and change them (docs/API.md §8).
static class StaffTeamsApi
{
    public static void MapStaffTeams(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/teams", ListTeams).WithName("StaffListTeams").WithSummary("Every team with its members").Produces<List<TeamWire>>();
        staff.MapGet("/teams/{id}", GetTeam).WithName("StaffGetTeam").WithSummary("One team").Produces<TeamWire>().ProducesProblem(404);
    }

    public static void MapStaffTeamChanges(this IEndpointRouteBuilder admin)
    {
        admin.MapPost("/teams", CreateTeam).WithName("StaffCreateTeam")
            .WithSummary("Create a team: name, public_name (default: the name), email, members (staff users' emails), id (default: from the name)")
            .Accepts<TeamBody>("application/json").Produces<TeamWire>(201).ProducesValidationProblem();
        admin.MapPatch("/teams/{id}", UpdateTeam).WithName("StaffUpdateTeam")
            .WithSummary("Change a team's name, public_name, email (null removes it) or members (the whole list)")
            .Accepts<TeamBody>("application/json").Produces<TeamWire>().ProducesValidationProblem().ProducesProblem(404);
    }

    public static async Task<IResult> ListTeams(TeamStore teams, CancellationToken ct) =>
        Results.Ok((await teams.ListAsync(ct)).Select(TeamWire.From).ToList());

    public static async Task<IResult> GetTeam(string id, TeamStore teams, CancellationToken ct) =>
        await teams.FindAsync(id, ct) is { } team ? Results.Ok(TeamWire.From(team)) : Problems.NotFound($"Team {id}");

    public static async Task<IResult> CreateTeam(HttpContext http, TeamStore teams, CancellationToken ct)
    {
        var (body, problem) = await StaffJson.ReadAsync<TeamBody>(http.Request, ct);
        if (body is null) return problem!;
        var (change, problems) = body.Check(creating: true);
        if (problems.Count > 0) return Problems.Invalid(problems);
        var (team, refused) = await teams.CreateAsync(change, http.Caller().Actor, ct);
        if (team is null) return Problems.Invalid(refused.Select(p => (p.Field, p.Message)));
        return Results.Created($"/api/v1/teams/{team.Id}", TeamWire.From(team));
    }

    public static async Task<IResult> UpdateTeam(string id, HttpContext http, TeamStore teams, CancellationToken ct)
    {
        var (body, problem) = await StaffJson.ReadAsync<TeamBody>(http.Request, ct);
        if (body is null) return problem!;
        var (change, problems) = body.Check(creating: false);
        if (problems.Count > 0) return Problems.Invalid(problems);
        var (team, refused) = await teams.UpdateAsync(id, change, http.Caller().Actor, ct);
        if (team is not null) return Results.Ok(TeamWire.From(team));
        return refused.Count > 0 ? Problems.Invalid(refused.Select(p => (p.Field, p.Message))) : Problems.NotFound($"Team {id}");
    }
}

// The body of POST and PATCH teams; TeamRules checks it.
sealed record TeamBody(Field<string> Id, Field<string> Name, Field<string> PublicName, Field<string> Email, Field<List<string>> Members)
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    public (TeamChange Change, List<(string, string)> Problems) Check(bool creating)
    {
        var (change, problems) = TeamRules.Check(creating, Id, Name, PublicName, Email, Members);
        problems.InsertRange(0, StaffJson.Unknown(Extra).Select(field => (field, "is not a field of a team")));
        return (change, problems);
    }
}

sealed record TeamWire(string Id, string Name, string PublicName, string? Email, IReadOnlyList<string> Members)
{
    public static TeamWire From(Team t) => new(t.Id, t.Name, t.PublicName, t.Email, t.Members);
}
