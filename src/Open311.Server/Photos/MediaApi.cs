using Microsoft.Extensions.Options;

namespace Open311;

static class MediaApi
{
    public static IServiceCollection AddPhotos(this IServiceCollection services)
    {
        services.AddOptions<PhotoOptions>().BindConfiguration("Open311:Photos").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PhotoFiles(FolderOf(sp.GetRequiredService<IOptions<PhotoOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value), sp.GetRequiredService<ILogger<PhotoFiles>>(),
            sp.GetRequiredService<ServerMetrics>()));
        services.AddSingleton<PhotoIntake>();
        return services;
    }

    // Open311:Photos:Folder, or "photos" next to the SQLite file, or in the working directory.
    static string FolderOf(PhotoOptions photos, StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(photos.Folder)) return Path.GetFullPath(photos.Folder);
        if (storage.Engine == "sqlite")
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.ConnectionString).DataSource;
            if (!string.IsNullOrEmpty(source) && source != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(source)) is { } folder)
                return Path.Combine(folder, "photos");
        }
        return Path.GetFullPath("photos");
    }

    // Outside the /open311 group: GeoReportFilter wants a {format}, and a photo has none.
    public static void MapPhotos(this IEndpointRouteBuilder app)
    {
        app.MapGet(MediaLinks.Path + "/{file}", GetMedia).WithName("GetMedia").WithTags("GeoReport v2")
            .WithSummary("A public photo of a request")
            .WithDescription("The media_url of a request and its extended_attributes.photos. Private photos are not served here.")
            .Produces(200, contentType: "image/jpeg", additionalContentTypes: ["image/png", "image/webp"])
            .Produces(404);
    }

    public static async Task<IResult> GetMedia(string file, HttpContext http, Database db, PhotoFiles files, CancellationToken ct)
    {
        if (files.PathOf(file) is not { } path) return Results.NotFound();
        if (await PhotoRows.FindPublicAsync(db, file, ct) is not { } photo || !File.Exists(path)) return Results.NotFound();
        // Short: a photo staff delete or that turns out private should leave caches soon.
        http.Response.Headers.CacheControl = "public, max-age=300";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(path, photo.ContentType);
    }
}
