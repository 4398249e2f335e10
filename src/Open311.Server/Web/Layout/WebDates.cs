using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Open311;

// Dates on the pages: in the jurisdiction's time zone (Open311:TimeZone) and in the resident's language, with the
// month names and the order of the resource files (the server runs without ICU's culture data).
sealed class WebDates(DateCodec dates, IStringLocalizer<Text> text)
{
    public string Format(long ms)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), dates.Zone);
        var months = text["Months"].Value.Split(',');
        var date = text["DateFormat"].Value
            .Replace("{day}", local.Day.ToString(CultureInfo.InvariantCulture))
            .Replace("{month}", months[local.Month - 1])
            .Replace("{year}", local.Year.ToString(CultureInfo.InvariantCulture));
        return $"{date}, {local.ToString(text["TimeFormat"].Value, CultureInfo.InvariantCulture)}";
    }

    // A wire datetime (ISO 8601 with an offset), as the public API writes it.
    public string Format(string? iso) => iso is not null && dates.TryRead(iso, out var ms) ? Format(ms) : "";

    // The machine-readable form for <time datetime="...">.
    public static string Machine(string? iso) => iso ?? "";
}
