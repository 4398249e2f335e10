using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace Open311;

// A team works requests: its name (for staff), its public name (what agency_responsible shows), an address for
// its mail, and its members (staff users, by email on the wire; a user may be in several teams).
sealed record Team(string Id, string Name, string PublicName, string? Email, IReadOnlyList<string> Members);

// What a create or a change sets; null leaves a field as it is (Email: ClearEmail removes it).
sealed record TeamChange(string? Id, string? Name, string? PublicName, string? Email, bool ClearEmail, IReadOnlyList<string>? Members);

// A problem with a team change, by the wire's field name.
sealed record TeamProblem(string Field, string Rule, string Message);

// Teams and their members: read, created, changed; every change audited in its transaction.
sealed partial class TeamStore(Database db, TimeProvider time)
{
    long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    // A team's id is short, lower-case and stable (routing rules and services name it): letters, digits, hyphens.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotIdCharacters();

    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    // The id a team gets from its name when none is given: "Streets & Drainage" is "streets-drainage".
    public static string IdFrom(string name)
    {
        var id = NotIdCharacters().Replace(name.ToLowerInvariant(), "-").Trim('-');
        if (id.Length > 40) id = id[..40].TrimEnd('-');
        return id.Length == 0 ? "team" : id;
    }

    public async Task<IReadOnlyList<Team>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await ReadAsync(connection, null, null);
    }

    public async Task<Team?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await ReadAsync(connection, null, id)).SingleOrDefault();
    }

    // The teams a staff user is a member of, by the user's id.
    public async Task<IReadOnlyList<string>> TeamsOfAsync(long userId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<string>("SELECT team_id FROM team_members WHERE user_id = @userId ORDER BY team_id", new { userId })).AsList();
    }

    static async Task<IReadOnlyList<Team>> ReadAsync(DbConnection connection, DbTransaction? transaction, string? id)
    {
        var where = id is null ? "" : "WHERE t.id = @id";
        var teams = (await connection.QueryAsync<(string Id, string Name, string PublicName, string? Email)>(
            $"SELECT t.id, t.name, t.public_name, t.email FROM teams t {where} ORDER BY t.name, t.id", new { id }, transaction)).AsList();
        var members = (await connection.QueryAsync<(string TeamId, string Email)>(
            $"""
            SELECT m.team_id, u.email FROM team_members m JOIN staff_users u ON u.id = m.user_id
            {(id is null ? "" : "WHERE m.team_id = @id")} ORDER BY u.email
            """, new { id }, transaction)).ToLookup(m => m.TeamId, m => m.Email);
        return teams.Select(t => new Team(t.Id, t.Name, t.PublicName, t.Email, members[t.Id].ToList())).ToList();
    }

    public async Task<(Team? Team, IReadOnlyList<TeamProblem> Problems)> CreateAsync(TeamChange change, Actor actor, CancellationToken ct = default)
    {
        var now = Now;
        var id = change.Id ?? IdFrom(change.Name!);
        return await db.WriteOrUndoAsync<(Team?, IReadOnlyList<TeamProblem>)>(async (c, t) =>
        {
            var problems = new List<TeamProblem>();
            if (await c.ExecuteScalarAsync<string?>("SELECT id FROM teams WHERE id = @id", new { id }, t) is not null)
                problems.Add(new("id", "taken", $"is taken: a team with id {id} exists; choose another id"));
            if (await NameTakenAsync(c, t, change.Name!, null))
                problems.Add(new("name", "taken", "is taken: another team has this name"));
            var (userIds, unknown) = await UsersAsync(c, t, change.Members ?? []);
            problems.AddRange(unknown);
            if (problems.Count > 0) return ((null, problems), false);
            await c.ExecuteAsync(
                "INSERT INTO teams (id, name, public_name, email, created_at, updated_at) VALUES (@id, @name, @publicName, @email, @now, @now)",
                new { id, name = change.Name, publicName = change.PublicName ?? change.Name, email = change.Email, now }, t);
            await SetMembersAsync(c, t, id, userIds);
            await AuditTrail.WriteAsync(c, t, now, actor, "team", id, "created", new { members = userIds.Count });
            return ((Single(await ReadAsync(c, t, id)), []), true);
        }, ct);
    }

    // Null when there is no team with the id.
    public async Task<(Team? Team, IReadOnlyList<TeamProblem> Problems)> UpdateAsync(string id, TeamChange change, Actor actor, CancellationToken ct = default)
    {
        var now = Now;
        return await db.WriteOrUndoAsync<(Team?, IReadOnlyList<TeamProblem>)>(async (c, t) =>
        {
            if (await c.ExecuteScalarAsync<string?>("SELECT id FROM teams WHERE id = @id", new { id }, t) is null) return ((null, []), false);
            var problems = new List<TeamProblem>();
            if (change.Name is not null && await NameTakenAsync(c, t, change.Name, id))
                problems.Add(new("name", "taken", "is taken: another team has this name"));
            var (userIds, unknown) = await UsersAsync(c, t, change.Members ?? []);
            problems.AddRange(unknown);
            if (problems.Count > 0) return ((null, problems), false);
            await c.ExecuteAsync(
                """
                UPDATE teams SET name = coalesce(@name, name), public_name = coalesce(@publicName, public_name),
                    email = CASE WHEN @clear THEN NULL ELSE coalesce(@email, email) END, updated_at = @now
                WHERE id = @id
                """, new { id, name = change.Name, publicName = change.PublicName, email = change.Email, clear = change.ClearEmail, now }, t);
            if (change.Members is not null)
            {
                await c.ExecuteAsync("DELETE FROM team_members WHERE team_id = @id", new { id }, t);
                await SetMembersAsync(c, t, id, userIds);
            }
            var fields = new List<string>();
            if (change.Name is not null) fields.Add("name");
            if (change.PublicName is not null) fields.Add("public_name");
            if (change.Email is not null || change.ClearEmail) fields.Add("email");
            if (change.Members is not null) fields.Add("members");
            await AuditTrail.WriteAsync(c, t, now, actor, "team", id, "updated", new { fields, members = change.Members is null ? (int?)null : userIds.Count });
            return ((Single(await ReadAsync(c, t, id)), []), true);
        }, ct);
    }

    static Team Single(IReadOnlyList<Team> teams) => teams[0];

    static async Task<bool> NameTakenAsync(DbConnection c, DbTransaction t, string name, string? except) =>
        await c.ExecuteScalarAsync<string?>("SELECT id FROM teams WHERE lower(name) = lower(@name) AND (@except IS NULL OR id <> @except)",
            new { name, except }, t) is not null;

    // The members' user ids, in the order sent (each once); an email no staff user has is a problem at its index.
    static async Task<(List<long> Ids, List<TeamProblem> Unknown)> UsersAsync(DbConnection c, DbTransaction t, IReadOnlyList<string> emails)
    {
        var ids = new List<long>();
        var unknown = new List<TeamProblem>();
        for (var i = 0; i < emails.Count; i++)
        {
            var email = StaffUser.NormalEmail(emails[i]);
            if (await c.ExecuteScalarAsync<long?>("SELECT id FROM staff_users WHERE email = @email", new { email }, t) is { } id)
            {
                if (!ids.Contains(id)) ids.Add(id);
            }
            else unknown.Add(new($"members[{i}]", "unknown_user", "is not the email of a staff user"));
        }
        return (ids, unknown);
    }

    static async Task SetMembersAsync(DbConnection c, DbTransaction t, string teamId, IEnumerable<long> userIds)
    {
        foreach (var userId in userIds)
            await c.ExecuteAsync("INSERT INTO team_members (team_id, user_id) VALUES (@teamId, @userId)", new { teamId, userId }, t);
    }
}
