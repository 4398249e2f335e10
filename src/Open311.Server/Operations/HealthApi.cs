using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Open311;

static class HealthApi
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: ["ready"])
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready", "redis"]);
        return services;
    }

    // /healthz: the process answers. /readyz: storage (and, when configured, Redis) answer too.
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .DisableRateLimiting().ExcludeFromDescription();
        var redis = app.ServiceProvider.GetRequiredService<RedisLink>().Configured;
        app.MapHealthChecks("/readyz", new HealthCheckOptions
            {
                Predicate = c => c.Tags.Contains("ready") && (redis || !c.Tags.Contains("redis")),
                ResponseWriter = WriteAsync,
            })
            .DisableRateLimiting().ExcludeFromDescription();
    }

    static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    // A probe answers within a second whatever the database does: one that has not answered by then is
    // left to end on its own (the storage timeouts bound it) and the answer is "does not answer".
    static readonly TimeSpan ProbeDeadline = TimeSpan.FromMilliseconds(800);

    sealed class DatabaseCheck(Database db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var probe = ProbeAsync();
            if (await Task.WhenAny(probe, Task.Delay(ProbeDeadline, ct)) == probe && await probe)
                return HealthCheckResult.Healthy($"{db.Dialect.Engine} answers");
            return HealthCheckResult.Unhealthy($"{db.Dialect.Engine} does not answer");
        }

        async Task<bool> ProbeAsync()
        {
            try
            {
                await using var connection = await db.OpenAsync();
                await connection.ExecuteScalarAsync<int>("SELECT 1");
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
