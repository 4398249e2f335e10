namespace Open311;

// Photos staff attach to a request, public or private; private ones are served here only, never at /open311/media.
static class StaffPhotosApi
{
    public static void MapStaffPhotos(this IEndpointRouteBuilder staff)
    {
        staff.MapPost("/requests/{id}/photos", AddPhoto).WithName("StaffAddPhoto")
            .WithSummary("Attach a photo: multipart/form-data with file, title and public (true or false, default false)")
            .WithDescription("JPEG, PNG, WebP or GIF, told by the bytes; metadata (EXIF, GPS, XMP, comments) is removed before it is kept.")
            .Accepts<PhotoForm>("multipart/form-data").DisableAntiforgery()
            .Produces<StaffPhoto>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412).ProducesProblem(413);
        staff.MapGet("/requests/{id}/photos/{photo_id:long}", GetPhoto).WithName("StaffGetPhoto")
            .WithSummary("A photo of the request, public or private").Produces(200, contentType: "image/jpeg").ProducesProblem(404);
        staff.MapDelete("/requests/{id}/photos/{photo_id:long}", DeletePhoto).WithName("StaffDeletePhoto")
            .WithSummary("Remove a photo and its file").Produces(204).ProducesProblem(404).ProducesProblem(412);
    }

    public static async Task<IResult> AddPhoto(string id, HttpContext http, Casework casework, StaffRequestReads reads,
        PhotoIntake intake, CancellationToken ct)
    {
        if (!FormBody.IsForm(http.Request))
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be multipart/form-data");
        var read = await FormBody.ReadAsync(http);
        if (read.Form is not { } form) return read.Fields.Count > 0 ? Problems.Invalid(read.Fields) : Problems.Status(read.Status, read.Problem!);

        var problems = new List<(string, string)>();
        var title = form["title"].ToString().Trim();
        if (title.Length > Casework.MaxPhotoTitle) problems.Add(("title", $"must be at most {Casework.MaxPhotoTitle} characters"));
        var isPublic = Flags.Parse("public", form["public"].ToString(), (p, m) => problems.Add((p, m)));
        if (form.Files.GetFiles("file") is not { Count: 1 } sent) return Problems.Invalid("file", "must be exactly one file");
        var (photo, problem) = await intake.ReadAsync(sent[0], ct);
        if (problem is { Status: 413 }) return Problems.Status(413, $"file {problem.Message}");
        if (problem is not null) problems.Add(("file", problem.Message));
        if (problems.Count > 0) return Problems.Invalid(problems);

        var result = await casework.AddPhotoAsync(id, IfMatch.From(http.Request), http.Caller().Actor, photo!, title, isPublic, ct);
        if (StaffChanges.Refusal(result, id, http) is { } refused) return refused;
        return Results.Created(reads.Photo(result.Value!, id, http.Request).StaffUrl, reads.Photo(result.Value!, id, http.Request));
    }

    public static async Task<IResult> GetPhoto(string id, long photo_id, Database db, RequestQueries requests, PhotoFiles files, CancellationToken ct) =>
        await FileAsync(id, photo_id, db, requests, files, ct) is var (path, type) ? Results.File(path, type) : Problems.NotFound($"Photo {photo_id} of request {id}");

    // The file of any photo of a request, public or private: for staff, through this API or the console.
    public static async Task<(string Path, string ContentType)?> FileAsync(string id, long photoId, Database db, RequestQueries requests, PhotoFiles files,
        CancellationToken ct)
    {
        if (await requests.FindAsync(id, ct) is not { } request) return null;
        PhotoRow? photo;
        await using (var connection = await db.OpenAsync(ct))
            photo = await PhotoRows.FindAsync(connection, null, request.Id, photoId);
        if (photo is null || files.PathOf(photo.FileName) is not { } path || !File.Exists(path)) return null;
        return (path, photo.ContentType);
    }

    public static async Task<IResult> DeletePhoto(string id, long photo_id, HttpContext http, Casework casework, CancellationToken ct)
    {
        var result = await casework.RemovePhotoAsync(id, IfMatch.From(http.Request), http.Caller().Actor, photo_id, ct);
        return StaffChanges.Refusal(result, id, http) ?? Results.NoContent();
    }
}

// The documented form of POST photos.
sealed record PhotoForm(IFormFile file, string? title, bool? @public);
