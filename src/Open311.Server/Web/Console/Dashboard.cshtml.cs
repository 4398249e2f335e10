using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// The numbers, as pictures drawn on the server (SVG: no chart library, no script) with the table behind each one a
// click away (a <details> under the chart).
sealed class DashboardModel(StaffNumbers numbers) : PageModel
{
    public Numbers Found { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Found = await numbers.ReadAsync(ct);

    public static string Day(long day) => DateTimeOffset.FromUnixTimeMilliseconds(day * 86_400_000).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string N(double v) => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
