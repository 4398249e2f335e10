using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Admins keep the API keys (for machines) through KeyStore, as `keys` and /api/v1/keys do: listed (never their
// secrets), created (the secret shown once, on this answer only), their limit changed, revoked.
sealed class KeysModel(KeyStore keys, WebDates dates) : PageModel
{
    public IReadOnlyList<ApiKey> All { get; private set; } = [];
    public WebDates Dates => dates;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? PerMinute { get; set; }

    public string? Problem { get; private set; }
    public string? Done { get; private set; }
    public string? DoneFor { get; private set; }
    public string? Secret { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => All = await keys.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) Problem = "KeyNameMissing";
        else if (Role is null || !Roles.All.Contains(Role)) Problem = "KeyRoleBad";
        else if (!TryLimit(PerMinute, out var limit)) Problem = "KeyLimitBad";
        else
        {
            var created = await keys.CreateAsync(name, Role, limit, User.Actor(), ct);
            (Done, DoneFor, Secret) = ("KeyCreated", created.Key.Name, created.Secret);
            Name = Role = PerMinute = null;
        }
        All = await keys.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLimitAsync(long id, string? perMinute, CancellationToken ct)
    {
        if (!TryLimit(perMinute, out var limit)) Problem = "KeyLimitBad";
        else if (await keys.UpdateAsync(id, null, null, limit, clearLimit: limit is null, User.Actor(), ct) is { } key) (Done, DoneFor) = ("KeyLimitChanged", key.Name);
        All = await keys.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var name = (await keys.GetAsync(id, ct))?.Name;
        if (await keys.RevokeAsync(id, User.Actor(), ct)) (Done, DoneFor) = ("KeyRevoked", name);
        All = await keys.ListAsync(ct);
        return Page();
    }

    // Empty: the default limit (Open311:RateLimits:KeyPerMinute).
    static bool TryLimit(string? text, out int? limit)
    {
        limit = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > 1_000_000)
            return false;
        limit = n;
        return true;
    }
}
