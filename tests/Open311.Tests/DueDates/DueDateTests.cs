namespace Open311.Tests;

// Due dates as a table, without a host: the city is Austin (America/Chicago), work days 08:00-17:00, with
// 2026-11-26 (Thanksgiving) and 2026-12-25 as holidays.
[Trait("Storage", "none")]
public class DueDateTests
{
    static readonly CityCalendar Austin = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"),
        CityCalendar.DefaultStart, CityCalendar.DefaultEnd, CityCalendar.ParseHolidays("2026-11-26, 2026-12-25").Days);

    [Theory]
    // Work days: the close of the n-th work day after the day it came in.
    [InlineData("2026-11-20T18:30:00-06:00", 1, "work_days", "2026-11-23T17:00:00-06:00")] // Friday evening: Monday's close
    [InlineData("2026-11-21T10:00:00-06:00", 1, "work_days", "2026-11-23T17:00:00-06:00")] // Saturday: Monday's close
    [InlineData("2026-11-23T09:00:00-06:00", 2, "work_days", "2026-11-25T17:00:00-06:00")] // Monday: Wednesday
    [InlineData("2026-11-25T09:00:00-06:00", 1, "work_days", "2026-11-27T17:00:00-06:00")] // Thanksgiving skipped
    [InlineData("2026-12-24T09:00:00-06:00", 1, "work_days", "2026-12-28T17:00:00-06:00")] // Christmas, then the weekend
    [InlineData("2026-11-20T09:00:00-06:00", 5, "work_days", "2026-11-30T17:00:00-06:00")] // a week, Thanksgiving inside
    [InlineData("2026-03-06T12:00:00-06:00", 1, "work_days", "2026-03-09T17:00:00-05:00")] // across the spring change: CDT
    // Calendar days: the same clock time n days later, whatever the offset then.
    [InlineData("2026-11-20T18:30:00-06:00", 3, "calendar_days", "2026-11-23T18:30:00-06:00")]
    [InlineData("2026-03-07T10:00:00-06:00", 1, "calendar_days", "2026-03-08T10:00:00-05:00")] // 23 hours later
    [InlineData("2026-10-31T10:00:00-05:00", 1, "calendar_days", "2026-11-01T10:00:00-06:00")] // 25 hours later
    [InlineData("2026-03-07T02:30:00-06:00", 1, "calendar_days", "2026-03-08T03:30:00-05:00")] // 02:30 does not exist that day
    // Hours: working hours only.
    [InlineData("2026-11-23T09:00:00-06:00", 4, "hours", "2026-11-23T13:00:00-06:00")]
    [InlineData("2026-11-20T16:00:00-06:00", 4, "hours", "2026-11-23T11:00:00-06:00")] // Friday 16:00: 1 h, then Monday 3 h
    [InlineData("2026-11-20T20:00:00-06:00", 2, "hours", "2026-11-23T10:00:00-06:00")] // after hours: from Monday's opening
    [InlineData("2026-11-23T06:00:00-06:00", 9, "hours", "2026-11-23T17:00:00-06:00")] // before opening: the whole day
    [InlineData("2026-11-25T15:00:00-06:00", 4, "hours", "2026-11-27T10:00:00-06:00")] // Thanksgiving skipped
    public void ADueDateIsCountedInTheCitysCalendar(string created, int amount, string unit, string due) =>
        Assert.Equal(DateTimeOffset.Parse(due), DueDate.Of(DateTimeOffset.Parse(created), new ServiceSla(amount, unit), Austin));

    [Fact]
    public void HolidaysAndWorkingHoursAreReadFromTheirSettings()
    {
        var (days, problems) = CityCalendar.ParseHolidays(" 2026-07-03,2026-13-01 , , July 4");
        Assert.Equal([new DateOnly(2026, 7, 3)], days);
        Assert.Equal(["2026-13-01", "July 4"], problems);
        Assert.Equal((new TimeOnly(7, 30), new TimeOnly(16, 0)), CityCalendar.ParseHours("07:30-16:00"));
        Assert.Null(CityCalendar.ParseHours("17:00-08:00"));
        Assert.Null(CityCalendar.ParseHours("8-17"));
    }
}
