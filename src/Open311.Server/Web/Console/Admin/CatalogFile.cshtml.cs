using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Admins move the whole catalog as a file through CatalogTransfer, the code of the admin commands: the download is
// what `services export` writes, byte for byte; an upload is what `services import` reads (with --replace when
// ticked): checked whole first, every problem listed, then written in one transaction, or nothing is.
sealed class CatalogFileModel(CatalogTransfer transfer) : PageModel
{
    public List<string> Problems { get; } = [];
    public bool Missing { get; private set; }
    public ImportOutcome? Outcome { get; private set; }
    [BindProperty] public bool Replace { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (json, _) = await transfer.ExportJsonAsync(ct);
        return File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", "catalog.json");
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) Missing = true;
        else
        {
            await using var stream = file.OpenReadStream();
            var (outcome, problems) = await transfer.ImportAsync(stream, Path.GetFileName(file.FileName), Replace, User.Actor(), ct);
            Outcome = outcome;
            Problems.AddRange(problems);
        }
        if (Outcome is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
