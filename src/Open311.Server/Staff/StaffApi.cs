using System.Text.Json;

namespace Open311;

// The staff API (CONTRACT §8): JSON under /api/v1 for staff and admin keys, errors as RFC 9457
// problem details. Field names are snake_case, as on the public API.
static class StaffApi
{
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => WireJson.Staffed(o.SerializerOptions));
        services.AddSingleton<StaffRequestReads>();
        services.AddSingleton<StaffQueue>();
        services.AddSingleton<StaffNumbers>();
        return services;
    }

    public static void MapStaff(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1").WithTags("Staff").RequireRole(Roles.IsStaff, StaffNeeds);
        staff.MapStaffServices();
        staff.MapStaffServiceArea();
        staff.MapStaffRequests();
        staff.MapStaffNotes();
        staff.MapStaffPhotos();
        staff.MapStaffTeams();
        staff.MapGroup("").WithTags("Teams").RequireRole(r => r == Roles.Admin, "an admin key").MapStaffTeamChanges();
        staff.MapGroup("").WithTags("Keys").RequireRole(r => r == Roles.Admin, "an admin key").MapStaffKeys();
    }

    // Every call under /api/v1, whether or not a route answers it, from a caller without a staff role: 403 before
    // the routing's own answers (404, 405, 415), the text checks and the body, so such a caller learns nothing of the
    // routes. A key the resolver already refused (unknown, or two keys) keeps its own answer.
    public static IApplicationBuilder UseStaffRoleGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var caller = context.Caller();
        if (context.Request.Path.StartsWithSegments("/api/v1") && caller.Problem is null
            && RoleProblem(caller.Key, Roles.IsStaff, StaffNeeds) is { } refused)
        {
            context.Response.Headers.CacheControl = "no-store";
            await refused.ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    const string StaffNeeds = "a staff or admin key";

    static IResult? RoleProblem(ApiKey? key, Func<string, bool> allowed, string needs) =>
        key is null ? Problems.Status(403, $"This API needs {needs}: send it as Authorization: Bearer KEY")
        : !allowed(key.Role) ? Problems.Status(403, $"This call needs {needs}; this key's role is {key.Role}")
        : null;

    // No key, or a key without the role: 403, before the body is read.
    static RouteGroupBuilder RequireRole(this RouteGroupBuilder group, Func<string, bool> allowed, string needs)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            if (RoleProblem(context.HttpContext.Caller().Key, allowed, needs) is { } refused) return refused;
            // Staff answers carry personal fields, private notes and photos: no cache keeps them.
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        group.ProducesProblem(403);
        return group;
    }
}

static class Problems
{
    public static IResult Status(int status, string detail) => Results.Problem(statusCode: status, detail: detail);

    public static IResult NotFound(string what) => Status(404, $"{what} was not found");

    public static IResult Invalid(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] });

    public static IResult Invalid(IEnumerable<(string Field, string Problem)> problems) =>
        Results.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()));
}
