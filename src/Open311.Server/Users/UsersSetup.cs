namespace Open311;

static class UsersSetup
{
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddOptions<UserOptions>().BindConfiguration("Open311:Users").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UserStore>();
        services.AddSingleton<SessionStore>();
        return services;
    }
}
