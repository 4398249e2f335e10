using System.Text.Json;
using System.Text.Json.Serialization;

namespace Open311;

// /api/v1/keys, for admin keys only. The secret is shown once, in the answer to POST; a change is seen on the next
// call of every instance (KeyStore: no cache without Redis, a message on its channel with it).
static class StaffKeysApi
{
    public static void MapStaffKeys(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/keys", ListKeys).WithName("StaffListKeys").WithSummary("Every key, without secrets").Produces<List<KeyWire>>();
        admin.MapPost("/keys", CreateKey).WithName("StaffCreateKey")
            .WithSummary("Create a key: name, role (client, staff or admin; default client), per_minute (default: the server's)")
            .WithDescription("The answer holds the secret, once; it is stored only as a hash.")
            .Accepts<KeyBody>("application/json").Produces<CreatedKeyWire>(201).ProducesValidationProblem();
        admin.MapPatch("/keys/{id:long}", UpdateKey).WithName("StaffUpdateKey")
            .WithSummary("Change a key's name, role or per_minute (null: back to the default limit)")
            .Accepts<KeyBody>("application/json").Produces<KeyWire>().ProducesValidationProblem().ProducesProblem(404);
        admin.MapDelete("/keys/{id:long}", RevokeKey).WithName("StaffRevokeKey")
            .WithSummary("Revoke a key at once").Produces(204).ProducesProblem(404);
    }

    public static async Task<IResult> ListKeys(KeyStore keys, DateCodec dates, CancellationToken ct) =>
        Results.Ok((await keys.ListAsync(ct)).Select(k => KeyWire.From(k, dates)).ToList());

    public static async Task<IResult> CreateKey(HttpContext http, KeyStore keys, DateCodec dates, CancellationToken ct)
    {
        var (body, problem) = await StaffJson.ReadAsync<KeyBody>(http.Request, ct);
        if (body is null) return problem!;
        var (change, problems) = body.Check(creating: true);
        if (problems.Count > 0) return Problems.Invalid(problems);
        var created = await keys.CreateAsync(change.Name!, change.Role ?? Roles.Client, change.PerMinute, http.Caller().Actor, ct);
        http.Response.Headers.CacheControl = "no-store";
        var k = KeyWire.From(created.Key, dates);
        return Results.Created($"/api/v1/keys/{k.Id}",
            new CreatedKeyWire(k.Id, k.Name, k.Role, k.KeyPrefix, k.PerMinute, k.CreatedAt, k.RevokedAt, created.Secret));
    }

    public static async Task<IResult> UpdateKey(long id, HttpContext http, KeyStore keys, DateCodec dates, CancellationToken ct)
    {
        var (body, problem) = await StaffJson.ReadAsync<KeyBody>(http.Request, ct);
        if (body is null) return problem!;
        var (change, problems) = body.Check(creating: false);
        if (problems.Count > 0) return Problems.Invalid(problems);
        var key = await keys.UpdateAsync(id, change.Name, change.Role, change.PerMinute, change.ClearLimit, http.Caller().Actor, ct);
        return key is null ? Problems.NotFound($"Active key {id}") : Results.Ok(KeyWire.From(key, dates));
    }

    public static async Task<IResult> RevokeKey(long id, HttpContext http, KeyStore keys, CancellationToken ct) =>
        await keys.RevokeAsync(id, http.Caller().Actor, ct) ? Results.NoContent() : Problems.NotFound($"Active key {id}");
}

sealed record KeyChange(string? Name, string? Role, int? PerMinute, bool ClearLimit);

// The body of POST and PATCH keys.
sealed record KeyBody(Field<string> Name, Field<string> Role, Field<int> PerMinute)
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    public (KeyChange Change, List<(string, string)> Problems) Check(bool creating)
    {
        var problems = new List<(string, string)>();
        foreach (var field in StaffJson.Unknown(Extra)) problems.Add((field, "is not a field of a key"));
        string? name = null, role = null;
        int? perMinute = null;
        var clearLimit = false;
        if (Name.Sent)
        {
            if (Name.Value?.Trim() is { Length: >= 1 and <= 100 } text) name = text;
            else problems.Add(("name", "must be 1 to 100 characters"));
        }
        else if (creating) problems.Add(("name", "is required: who the key is for"));
        if (Role.Sent)
        {
            if (Roles.All.Contains(Role.Value)) role = Role.Value;
            else problems.Add(("role", "must be client, staff or admin"));
        }
        if (PerMinute.Sent)
        {
            if (PerMinute.IsNull) clearLimit = true;
            else if (PerMinute.Value is >= 1 and <= 1_000_000 && !PerMinute.Wrong) perMinute = PerMinute.Value;
            else problems.Add(("per_minute", "must be a whole number from 1 to 1000000, or null for the default"));
        }
        if (!creating && problems.Count == 0 && name is null && role is null && perMinute is null && !clearLimit)
            problems.Add(("body", "changes nothing; send name, role or per_minute"));
        return (new KeyChange(name, role, perMinute, clearLimit), problems);
    }
}

sealed record KeyWire(long Id, string Name, string Role, string KeyPrefix, int? PerMinute, string CreatedAt, string? RevokedAt)
{
    public static KeyWire From(ApiKey k, DateCodec dates) =>
        new(k.Id, k.Name, k.Role, k.KeyPrefix, k.PerMinute, dates.Format(k.CreatedAt), dates.Format(k.RevokedAt));
}

sealed record CreatedKeyWire(long Id, string Name, string Role, string KeyPrefix, int? PerMinute, string CreatedAt, string? RevokedAt, string Secret);

