using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Admins keep the staff accounts: create (the one-time password shown once, on this answer only, never in a URL),
// change a role, disable or enable, reset a password. Each change ends the user's sessions (a new stamp). The open
// sessions of each user are listed (start, last seen, address), and an admin can end all of a user's at once.
sealed class UsersModel(UserStore users, SessionStore sessions, WebDates dates) : PageModel
{
    public IReadOnlyList<StaffUser> All { get; private set; } = [];
    public ILookup<long, StaffSession> Sessions { get; private set; } = Array.Empty<StaffSession>().ToLookup(s => s.UserId);
    public WebDates Dates => dates;
    public long Now { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Role { get; set; }

    public string? Problem { get; private set; }
    public string? Done { get; private set; }
    public string? DoneFor { get; private set; }
    public string? OneTimePassword { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var name = Name?.Trim() ?? "";
        var email = Email?.Trim() ?? "";
        if (name.Length is 0 or > 200) Problem = "UserNameMissing";
        else if (!email.Contains('@') || email.Length > 254) Problem = "UserEmailBad";
        else if (Role is null || !StaffUser.RolesAllowed.Contains(Role)) Problem = "UserRoleBad";
        else if (await users.CreateAsync(email, name, Role, null, User.Actor(), ct) is not { } created) Problem = "UserExists";
        else
        {
            (Done, DoneFor, OneTimePassword) = ("UserCreated", created.User.Name, created.OneTimePassword);
            Name = Email = Role = null;
        }
        await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(long id, string? role, CancellationToken ct)
    {
        if (role is null || !StaffUser.RolesAllowed.Contains(role)) Problem = "UserRoleBad";
        else if (id == User.Id()) Problem = "UserNotSelf";
        else if (await users.UpdateAsync(id, role, null, User.Actor(), ct) is { } u) (Done, DoneFor) = ("UserRoleChanged", u.Name);
        await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(long id, bool active, CancellationToken ct)
    {
        if (id == User.Id()) Problem = "UserNotSelf";
        else if (await users.UpdateAsync(id, null, active, User.Actor(), ct) is { } u) (Done, DoneFor) = (active ? "UserEnabled" : "UserDisabled", u.Name);
        await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(long id, CancellationToken ct)
    {
        if (await users.ResetPasswordAsync(id, User.Actor(), ct) is { } secret && await users.FindAsync(id, ct) is { } u)
            (Done, DoneFor, OneTimePassword) = ("UserReset", u.Name, secret);
        await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndSessionsAsync(long id, CancellationToken ct)
    {
        if (await users.FindAsync(id, ct) is { } u)
        {
            await sessions.EndAllAsync(id, User.Actor(), ct);
            (Done, DoneFor) = ("SessionsEnded", u.Name);
        }
        await ListAsync(ct);
        return Page();
    }

    async Task ListAsync(CancellationToken ct)
    {
        All = await users.ListAsync(ct);
        Sessions = (await sessions.OpenAsync(ct)).ToLookup(s => s.UserId);
        Now = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds();
    }
}
