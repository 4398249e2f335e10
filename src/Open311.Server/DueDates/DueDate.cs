namespace Open311;

// A service's target (CONTRACT §14's `sla`): an amount of hours, calendar days or work days.
sealed record ServiceSla(int Amount, string Unit)
{
    public const string Hours = "hours";
    public const string CalendarDays = "calendar_days";
    public const string WorkDays = "work_days";

    public static readonly string[] Units = [Hours, CalendarDays, WorkDays];
}

// The city's working calendar: its time zone, the working hours of a work day, and the days off besides Saturdays
// and Sundays (Open311:Holidays, a comma list of YYYY-MM-DD).
sealed record CityCalendar(TimeZoneInfo Zone, TimeOnly DayStarts, TimeOnly DayEnds, IReadOnlySet<DateOnly> Holidays)
{
    public static readonly TimeOnly DefaultStart = new(8, 0), DefaultEnd = new(17, 0);

    // The calendar of the settings, checked at start (ServerSetup).
    public static CityCalendar From(TimeZoneInfo zone, Open311Options o)
    {
        var (start, end) = ParseHours(o.WorkingHours) ?? (DefaultStart, DefaultEnd);
        return new CityCalendar(zone, start, end, ParseHolidays(o.Holidays).Days);
    }

    public bool IsWorkDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(day);

    // "2026-12-25, 2027-01-01" as a set of dates; each part that is not a date is named.
    public static (IReadOnlySet<DateOnly> Days, IReadOnlyList<string> Problems) ParseHolidays(string? text)
    {
        var days = new HashSet<DateOnly>();
        var problems = new List<string>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DateOnly.TryParseExact(part, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                days.Add(day);
            else problems.Add(part);
        }
        return (days, problems);
    }

    // "08:00-17:00" as the start and end of a work day; null when it is not two times with the start first.
    public static (TimeOnly Start, TimeOnly End)? ParseHours(string? text)
    {
        var parts = (text ?? "").Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var end)
            && start < end)
            return (start, end);
        return null;
    }
}

// When a request is due: its creation time plus its service's target, counted in the city's calendar.
// - calendar_days: the same clock time n days later in the city (a daylight-saving change keeps the clock time);
// - work_days: the end of the n-th work day after the day it came in (a report on Friday evening with 1 work day is
//   due at Monday's close);
// - hours: n working hours, counted within the working hours of work days from the moment it came in (or from the
//   next opening, when it came in outside them).
static class DueDate
{
    public static DateTimeOffset Of(DateTimeOffset created, ServiceSla sla, CityCalendar city)
    {
        var local = TimeZoneInfo.ConvertTime(created, city.Zone).DateTime;
        var due = sla.Unit switch
        {
            ServiceSla.CalendarDays => local.AddDays(sla.Amount),
            ServiceSla.WorkDays => WorkDays(DateOnly.FromDateTime(local), sla.Amount, city).ToDateTime(city.DayEnds),
            ServiceSla.Hours => WorkingHours(local, sla.Amount, city),
            _ => throw new ArgumentOutOfRangeException(nameof(sla), sla.Unit, "not a unit of a target"),
        };
        return ToUtc(due, city.Zone);
    }

    // The n-th work day after `day`.
    static DateOnly WorkDays(DateOnly day, int n, CityCalendar city)
    {
        for (var counted = 0; counted < n;)
        {
            day = day.AddDays(1);
            if (city.IsWorkDay(day)) counted++;
        }
        return day;
    }

    static DateTime WorkingHours(DateTime local, int hours, CityCalendar city)
    {
        var left = TimeSpan.FromHours(hours);
        var day = DateOnly.FromDateTime(local);
        var at = TimeOnly.FromDateTime(local);
        // At most a few years of days: a calendar with every day off would never end.
        for (var guard = 0; guard < 3660; guard++, day = day.AddDays(1), at = city.DayStarts)
        {
            if (!city.IsWorkDay(day) || at >= city.DayEnds) continue;
            var from = at < city.DayStarts ? city.DayStarts : at;
            var open = city.DayEnds - from;
            if (left <= open) return day.ToDateTime(from).Add(left);
            left -= open;
        }
        throw new InvalidOperationException("The city's calendar has no work day in ten years");
    }

    // A clock time that does not exist (the hour skipped in spring) is read an hour later; one that happens twice
    // (the hour repeated in autumn) is the first of them.
    static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
