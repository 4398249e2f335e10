using Open311;

// Settings and the web's files are read from beside the executable (appsettings.json and wwwroot/ are copied there),
// so `dotnet run --project src/Open311.Server` from anywhere serves the same site; data stays in the working directory.
// A bad setting, a port in use or unreachable storage at start: one line and exit status 1 (StartupFailure).
return await StartupFailure.GuardAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = AdminCommands.ServerArgs(args),
        ContentRootPath = AppContext.BaseDirectory,
        WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
    });
    builder.AddOpen311();
    builder.Services.AddAdminCommands();
    if (AdminCommands.Handles(args)) builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    var app = builder.Build();

    // The same executable administers what it serves: keys, the catalog, seeding, copying.
    if (AdminCommands.Handles(args)) return await AdminCommands.RunAsync(app.Services, args);

    await app.Services.PrepareStorageAsync(loadDemoCatalog: true);
    app.UseOpen311();
    var v2 = app.MapOpen311();
    v2.MapServices();
    v2.MapRequests();
    v2.MapTokens();
    app.MapPhotos();
    app.MapStaff();
    app.MapWeb();
    app.MapMetrics();
    app.Run();
    return 0;
});
