using Open311;

var builder = WebApplication.CreateBuilder(AdminCommands.ServerArgs(args));
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
app.Run();
return 0;
