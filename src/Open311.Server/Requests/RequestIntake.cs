using Microsoft.Extensions.Options;

namespace Open311;

sealed record CreatedRequest(string ServiceRequestId, string Token, string? AccountId);

// Where a checked submission is written: Casework's creation (RequestStore), the one writer of a request's tables.
interface IRequestWriter
{
    Task<(string ServiceRequestId, string Token)> CreateAsync(NewRequest r, Caller caller, CancellationToken ct, IReadOnlyList<StoredFile>? photos = null);
}

// Creating a request from submitted fields and photos, for every front door (the GeoReport API and the resident
// site): the rules of CONTRACT §4 (Submission), the photo checks (PhotoIntake), the files kept with the row.
sealed class RequestIntake(IRequestWriter store, PhotoFiles files, IOptions<Open311Options> options, PhotoIntake photoIntake,
    DateCodec dates, Boundary boundary, ServerMetrics metrics)
{
    // channel: set by a front door that creates requests as itself (the resident site's "web"); null takes the field's.
    public async Task<(CreatedRequest? Created, List<FieldProblem> Errors)> CreateAsync(SubmittedFields fields, IReadOnlyList<IFormFile> media,
        ServiceEntry service, Caller caller, string? channel, CancellationToken ct)
    {
        var (request, errors) = Submission.Parse(fields, service, options.Value, dates, boundary);
        // Photos sent as multipart `media` files are checked by their bytes and headers first, and decoded (to be
        // cleaned of metadata) only for a request that is otherwise right: a refused request costs no decode.
        var (uploads, problems) = await photoIntake.CheckAllAsync(media, "media", ct);
        errors.AddRange(problems.Select(Problem));
        if (request is null || errors.Count > 0) return (null, errors);
        var (photos, failed) = await photoIntake.CleanAllAsync(uploads, ct);
        errors.AddRange(failed.Select(Problem));
        if (errors.Count > 0) return (null, errors);
        if (channel is not null) request = request with { Channel = channel };

        var (id, token) = await files.KeepAsync(photos, stored => store.CreateAsync(request, caller, ct, stored), _ => true, ct);
        metrics.RequestCreated(request.Channel);
        return (new CreatedRequest(id, token, request.AccountId), errors);
    }

    FieldProblem Problem((string Field, PhotoProblem Problem) p)
    {
        var limits = photoIntake.Limits;
        return p.Problem switch
        {
            { TooMany: true } => new FieldProblem(p.Field, Rules.TooManyPhotos, p.Problem.Message, limits.MaxPerUpload, p.Problem.Status),
            { TooManyPixels: true } => new FieldProblem(p.Field, Rules.PhotoTooManyPixels, p.Problem.Message, limits.MaxPixels, p.Problem.Status),
            { Status: StatusCodes.Status413PayloadTooLarge } => new FieldProblem(p.Field, Rules.PhotoTooLarge, p.Problem.Message, limits.MaxBytes, p.Problem.Status),
            _ => new FieldProblem(p.Field, Rules.Photo, p.Problem.Message, null, p.Problem.Status),
        };
    }
}
