using Microsoft.Extensions.Options;

namespace Open311;

static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration("Open311:Storage").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Dialect>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var tuning = sp.GetRequiredService<IOptions<TuningOptions>>().Value;
            return options.Engine switch
            {
                "postgres" => new PostgresDialect(options.ConnectionString, options),
                _ => new SqliteDialect(options.ConnectionString, tuning, options.CommandTimeoutSeconds),
            };
        });
        services.AddSingleton(sp => new Database(sp.GetRequiredService<Dialect>(), sp.GetRequiredService<IOptions<TuningOptions>>().Value));
        return services;
    }
}
