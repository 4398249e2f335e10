using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Admins keep the teams: name, the public name agency_responsible shows, an email address and the members (staff
// accounts, ticked). One form creates a team or, opened from a team's row (?edit=ID), changes it.
sealed class TeamsModel(TeamStore teams, UserStore users) : PageModel
{
    public IReadOnlyList<Team> All { get; private set; } = [];
    public IReadOnlyList<StaffUser> Users { get; private set; } = [];

    // The team edited: ?edit=ID on the page, the form's hidden Edit on a save; null for a new one.
    [BindProperty] public string? Edit { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? PublicName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<string> Members { get; set; } = [];

    // What is wrong (Con_ + the code is its text), by the form field's id (team-name, ...).
    public Dictionary<string, string> Problems { get; } = [];
    public string? Done { get; private set; }
    public string? DoneFor { get; private set; }

    public Team? Editing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? edit, CancellationToken ct)
    {
        Edit = edit;
        await ListAsync(ct);
        if (Edit is not null)
        {
            if (All.FirstOrDefault(t => t.Id == Edit) is not { } team) return NotFound();
            Editing = team;
            (Name, PublicName, Email, Members) = (team.Name, team.PublicName, team.Email, team.Members.ToList());
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var name = Name?.Trim() ?? "";
        var publicName = string.IsNullOrWhiteSpace(PublicName) ? null : PublicName.Trim();
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        if (name.Length is 0 or > 100) Problems["team-name"] = "TeamNameBad";
        if (publicName is { Length: > 200 }) Problems["team-publicname"] = "TeamPublicNameBad";
        if (email is not null && (email.Length > 254 || !email.Contains('@') || email.Any(char.IsWhiteSpace))) Problems["team-email"] = "TeamEmailBad";
        if (Problems.Count == 0)
        {
            var (team, refused) = Edit is null
                ? await teams.CreateAsync(new TeamChange(null, name, publicName, email, false, Members), User.Actor(), ct)
                : await teams.UpdateAsync(Edit, new TeamChange(null, name, publicName ?? name, email, email is null, Members), User.Actor(), ct);
            if (team is null && refused.Count == 0) return NotFound();
            // The store's refusals: a taken name (said before a taken id made from it), a member no longer on staff.
            foreach (var p in refused.OrderBy(p => p.Field == "id"))
            {
                if (p.Field == "name") Problems["team-name"] = "TeamNameTaken";
                else if (p.Field == "id") Problems.TryAdd("team-name", "TeamIdTaken");
                else Problems["team-members"] = "TeamMemberUnknown";
            }
            if (team is not null)
            {
                (Done, DoneFor) = (Edit is null ? "TeamCreated" : "TeamSaved", team.Name);
                (Edit, Name, PublicName, Email, Members) = (null, null, null, null, []);
                ModelState.Clear();
            }
        }
        await ListAsync(ct);
        Editing = Edit is null ? null : All.FirstOrDefault(t => t.Id == Edit);
        return Page();
    }

    async Task ListAsync(CancellationToken ct)
    {
        All = await teams.ListAsync(ct);
        Users = (await users.ListAsync(ct)).Where(u => u.Active).ToList();
    }
}
