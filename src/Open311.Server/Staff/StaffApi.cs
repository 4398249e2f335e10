using System.Text.Json;

namespace Open311;

// The staff API (CONTRACT §8): JSON under /api/v1 for staff and admin keys, errors as RFC 9457
// problem details. Field names are snake_case, as on the public API.
static class StaffApi
{
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => WireJson.Staffed(o.SerializerOptions));
        services.AddSingleton<RequestChanges>();
        services.AddSingleton<StaffRequestReads>();
        services.AddSingleton<StaffQueue>();
        services.AddSingleton<StaffNumbers>();
        return services;
    }

    public static void MapStaff(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1").WithTags("Staff").RequireRole(Roles.IsStaff, "a staff or admin key");
        staff.MapStaffServices();
        staff.MapStaffServiceArea();
        staff.MapStaffRequests();
        staff.MapStaffNotes();
        staff.MapStaffPhotos();
        staff.MapGroup("").WithTags("Keys").RequireRole(r => r == Roles.Admin, "an admin key").MapStaffKeys();
    }

    // No key, or a key without the role: 403, before the body is read.
    static RouteGroupBuilder RequireRole(this RouteGroupBuilder group, Func<string, bool> allowed, string needs)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var key = context.HttpContext.Caller().Key;
            if (key is null) return Problems.Status(403, $"This API needs {needs}: send it as Authorization: Bearer KEY");
            if (!allowed(key.Role)) return Problems.Status(403, $"This call needs {needs}; this key's role is {key.Role}");
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
