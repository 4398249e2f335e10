using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Open311;

// Following a report by its number or its token. What it shows is the public API's view of the request
// (RequestViews with extensions): public notes and photos only, never contact details or private notes.
sealed class TrackModel(RequestQueries requests, RequestViews views, CatalogCache catalog, WebDates dates, IOptions<MapOptions> map) : PageModel
{
    public string? Asked { get; private set; }
    public RequestWire? Found { get; private set; }
    public WebDates Dates => dates;
    public MapOptions Map => map.Value;
    ServiceEntry? service;

    // An answer as the resident reads it: a datetime in the jurisdiction's zone and the resident's language.
    public string Answer(RequestAttributeWire answer) =>
        service?.Attribute(answer.Name)?.Datatype == Datatypes.Datetime ? dates.Format(answer.Value) : answer.Value;

    public async Task OnGetAsync(string? key, string? q, CancellationToken ct)
    {
        Asked = (key ?? q)?.Trim();
        if (string.IsNullOrEmpty(Asked)) return;
        var row = await requests.FindAsync(Asked, ct);
        // A token made with a key resolves for that key alone (CONTRACT §7): the site's own tokens, and keyless ones.
        if (row is null && await requests.FindByTokenAsync(Asked, ct) is { } byToken && TokensApi.CanSee(byToken, Caller.ResidentSite))
            row = byToken;
        if (row is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Found = (await views.ToWireAsync([row], extensions: true, Request, ct))[0];
        service = await catalog.ServiceAsync(row.ServiceCode, ct);
    }
}
