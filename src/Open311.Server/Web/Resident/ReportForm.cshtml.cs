using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Open311;

// The report form of one service, built from its definition. It posts the API's field names to RequestIntake,
// the same rules and photo checks as POST /requests, as the city's own client (channel "web", no key).
// Without JavaScript it is a plain form; report.js adds the map, the photo preview and the nearby check.
sealed class ReportFormModel(CatalogCache catalog, RequestIntake intake, ReportLimiter limiter, RequestsInView inView, WebDates dates,
    IOptions<PhotoOptions> photoOptions, IOptions<MapOptions> mapOptions, IOptions<Open311Options> options, IStringLocalizer<Text> text) : PageModel
{
    public const string Honeypot = "website";

    public ServiceEntry Service { get; private set; } = null!;
    public IReadOnlyList<Question> Questions { get; private set; } = [];
    public List<(string Id, string Message)> Problems { get; } = [];
    public IReadOnlyList<RequestRow> Nearby { get; private set; } = [];
    public PhotoOptions Photos => photoOptions.Value;
    public MapOptions Map => mapOptions.Value;
    public BoundsOptions? Bounds => options.Value.Bounds;
    public DateTimeOffset? LimitedUntil { get; private set; }
    public int ReportsPerHour => limiter.Limit;
    public bool Refused { get; private set; }
    public WebDates Dates => dates;

    IFormCollection? posted;

    public string Value(string name) => posted?[name].ToString() ?? "";

    public string? ErrorOf(string id) => Problems.FirstOrDefault(p => p.Id == id).Message;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await catalog.ServiceAsync(code, ct) is not { } service) return NotFound();
        Show(service);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await catalog.ServiceAsync(code, ct) is not { } service) return NotFound();
        var form = await Request.ReadFormAsync(ct);
        posted = form;
        if (!service.Service.Active) { Show(service); return Page(); }
        if (!string.IsNullOrEmpty(form[Honeypot]))
        {
            // A hidden field only a robot fills in: nothing is stored.
            Refused = true;
            Show(service);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var (reservation, until) = await limiter.ReserveAsync(HttpContext, ct);
        if (reservation is null)
        {
            LimitedUntil = until;
            Show(service);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling((until!.Value - DateTimeOffset.UtcNow).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }

        var taken = new Dictionary<string, StringValues> { ["service_code"] = service.Service.ServiceCode };
        foreach (var (name, values) in form)
            if (ReportFields.Taken.Contains(name) || Submission.AttributeKey().IsMatch(name)) taken[name] = values;
        var fields = new SubmittedFields(new FormCollection(taken), QueryCollection.Empty);
        CreatedRequest? created = null;
        List<FieldProblem> errors;
        try
        {
            (created, errors) = await intake.CreateAsync(fields, form.Files.GetFiles("media"), service, Caller.ResidentSite, "web", ct);
        }
        finally
        {
            if (created is null) await limiter.RefundAsync(reservation);
        }
        if (created is not null) return Redirect($"/report/sent/{created.Token}");

        foreach (var e in errors)
        {
            var id = e.Rule == Rules.LocationRequired ? "address" : ReportFields.IdOf(e.Field);
            if (Problems.All(p => p.Id != id)) Problems.Add((id, ReportFields.Message(e, service, text)));
        }
        // The summary lists the problems in the form's order.
        var order = new[] { "address", "lat", "long" }.Concat(service.Attributes.Select(a => $"attr-{a.Code}"))
            .Concat(["description", "media", "first_name", "last_name", "email", "phone"]).ToList();
        Problems.Sort((a, b) => Rank(a.Id).CompareTo(Rank(b.Id)));
        int Rank(string id) => order.IndexOf(id) is var i and >= 0 ? i : order.Count;
        Show(service);
        if (Coordinates(form["lat"], form["long"]) is var (lat, lon))
            Nearby = await inView.NearbyAsync(service, lat, lon, Map.NearbyMetres, Map.NearbyDays, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    // report.js asks this when a place is chosen: the open requests of this service close by.
    public async Task<IActionResult> OnGetNearbyAsync(string code, string? lat, string? @long, CancellationToken ct)
    {
        if (await catalog.ServiceAsync(code, ct) is not { } service || Coordinates(lat, @long) is not var (la, lo)) return new JsonResult(Array.Empty<object>());
        var rows = await inView.NearbyAsync(service, la, lo, Map.NearbyMetres, Map.NearbyDays, ct);
        return new JsonResult(rows.Select(r => new
        {
            id = r.ServiceRequestId, address = r.Address, requested = dates.Format(r.RequestedAt), url = $"/track/{r.ServiceRequestId}",
        }));
    }

    static (double, double)? Coordinates(string? lat, string? lon) =>
        double.TryParse(lat, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var la)
        && double.TryParse(lon, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lo)
        && Math.Abs(la) <= 90 && Math.Abs(lo) <= 180 ? (la, lo) : null;

    void Show(ServiceEntry service)
    {
        Service = service;
        Questions = service.Attributes.Select(a =>
        {
            var name = $"attribute[{a.Code}]";
            var answers = posted is null ? [] : posted[name].Concat(posted[name + "[]"]).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            var id = $"attr-{a.Code}";
            return new Question(a, id, a.Datatype == Datatypes.MultiValueList ? name + "[]" : name, answers, ErrorOf(id));
        }).ToList();
    }
}
