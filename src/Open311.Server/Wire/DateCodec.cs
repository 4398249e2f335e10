using System.Globalization;
using System.Text.RegularExpressions;

namespace Open311;

// Datetimes go out as ISO 8601 with whole seconds and an offset, and come in liberally (CONTRACT §1):
// Z, +HH:MM, +HHMM, fractional seconds, a bare date, or no zone (then the jurisdiction's zone).
// Storage keeps UTC milliseconds since the Unix epoch.
sealed partial class DateCodec(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public static DateCodec For(string? zoneId) =>
        new(string.IsNullOrWhiteSpace(zoneId) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneId));

    public string Format(long epochMs)
    {
        var utc = DateTimeOffset.FromUnixTimeMilliseconds(epochMs - Modulo(epochMs, 1000));
        if (zone == TimeZoneInfo.Utc) return utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return TimeZoneInfo.ConvertTime(utc, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    public string? Format(long? epochMs) => epochMs is { } ms ? Format(ms) : null;

    static long Modulo(long value, long by) => ((value % by) + by) % by;

    // A '+' sent unencoded in a query string arrives as a space: " 05:00" is read as "+05:00".
    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:[Tt ](?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?(?<z>[Zz]|[+\- ]\d{2}(?::?\d{2})?)?)?$")]
    private static partial Regex Pattern();

    public static bool IsBareDate(string text) => text.Trim().Length == 10;

    // An upper bound covers the whole of what its text names (CONTRACT §11): a bare date its day, a time without
    // seconds its minute, whole seconds their second. Datetimes go out at whole seconds while storage keeps
    // milliseconds, so a bound equal to a datetime the server printed includes what it printed.
    public static long UpperBound(string text, long epochMs)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success) return epochMs;
        if (!m.Groups["h"].Success) return epochMs + 86_400_000 - 1;
        if (!m.Groups["s"].Success) return epochMs + 60_000 - 1;
        if (!m.Groups["f"].Success) return epochMs + 1_000 - 1;
        return epochMs;
    }

    public bool TryRead(string? text, out long epochMs)
    {
        epochMs = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var m = Pattern().Match(text.Trim());
        if (!m.Success) return false;

        int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        int year = Part("y"), month = Part("mo"), day = Part("d"), hour = Part("h"), minute = Part("mi"), second = Part("s");
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        if (hour > 23 || minute > 59 || second > 59) return false;

        var fraction = m.Groups["f"].Success ? m.Groups["f"].Value.PadRight(7, '0')[..7] : "0";
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified)
            .AddTicks(long.Parse(fraction, CultureInfo.InvariantCulture));

        TimeSpan offset;
        var z = m.Groups["z"];
        if (!z.Success)
            offset = zone.GetUtcOffset(local);
        else if (z.Value is "Z" or "z")
            offset = TimeSpan.Zero;
        else
        {
            var digits = z.Value[1..].Replace(":", "");
            var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            var minutes = digits.Length > 2 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes > 59) return false;
            offset = new TimeSpan(hours, minutes, 0) * (z.Value[0] == '-' ? -1 : 1);
        }
        try
        {
            epochMs = new DateTimeOffset(local, offset).ToUnixTimeMilliseconds();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // beyond the years DateTimeOffset can hold once the offset is applied
        }
    }
}
