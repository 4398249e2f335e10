using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// After a report is sent: its number, its tracking link (the token) and the service's notice.
sealed class SentModel(RequestQueries requests) : PageModel
{
    public RequestRow Sent { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        // The site's own requests only: a token made with a key is that key's (CONTRACT §7).
        if (await requests.FindByTokenAsync(token, ct) is not { } row || !TokensApi.CanSee(row, Caller.ResidentSite)) return NotFound();
        Sent = row;
        return Page();
    }
}
