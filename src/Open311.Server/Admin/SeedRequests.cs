using System.Globalization;

namespace Open311;

// Makes up realistic requests for a catalog, deterministically from a seed: times over the two years
// before now (more on weekdays and in working hours, slowly growing), a mix of services, answers valid
// for each service's definition, older requests mostly closed, notes and updates spread in time, places
// clustered along streets (SeedStreets).
sealed class SeedRequests(IReadOnlyList<ServiceEntry> catalog, DateCodec dates, long now, int seed)
{
    public static readonly TimeSpan Span = TimeSpan.FromDays(730);
    const long Hour = 3_600_000, Day = 24 * Hour;

    // How common each demo service is; other services count 3.
    static readonly Dictionary<string, double> Weights = new()
    {
        ["SWSMISSE"] = 16, ["PWPOTHOL"] = 14, ["SWSGRAFF"] = 8, ["STREETL2"] = 8, ["SWSDUMPI"] = 8, ["PARKINGV"] = 7,
        ["ACLONAG"] = 6, ["CCGRASS"] = 6, ["APDNOISE"] = 6, ["PWSIDEWK"] = 5, ["PRTREEIS"] = 5, ["TRASIGMA"] = 4,
        ["PRKMAINT"] = 4, ["WWLEAK"] = 4, ["DRCLOG"] = 3, ["SWSDEADA"] = 2,
    };

    // Calls by hour of the day in Austin (Central time), peaking in working hours.
    static readonly double[] HourWeights = [1, 0.6, 0.4, 0.3, 0.3, 0.6, 1.5, 3, 5, 6.5, 7, 7, 6.5, 6.5, 6.5, 6, 5.5, 5, 4.5, 4, 3.5, 3, 2.5, 1.5];
    const int CentralOffsetHours = 6;

    readonly Random random = new(seed);
    readonly double[] serviceCumulative = Cumulative(catalog.Select(s => Weights.GetValueOrDefault(s.Service.ServiceCode, 3)).ToArray());
    readonly double[] hourCumulative = Cumulative(HourWeights);
    SeedStreets? streets;

    // The requested times of `count` requests, oldest first.
    public long[] Times(int count)
    {
        var start = now - (long)Span.TotalMilliseconds;
        var days = (int)Span.TotalDays;
        var weights = new double[days];
        for (var d = 0; d < days; d++)
        {
            var weekday = DateTimeOffset.FromUnixTimeMilliseconds(start + d * Day).DayOfWeek;
            var week = weekday switch { DayOfWeek.Saturday => 0.65, DayOfWeek.Sunday => 0.55, _ => 1.0 };
            weights[d] = week * (0.85 + 0.3 * d / days); // a city that grows, and a 311 that gets known
        }
        var perDay = Apportion(weights, count);
        var times = new long[count];
        var i = 0;
        for (var d = 0; d < days; d++)
        {
            var first = i;
            for (var k = 0; k < perDay[d]; k++)
            {
                var hour = (Pick(hourCumulative) + CentralOffsetHours) % 24;
                times[i++] = Math.Min(now - 1, start + d * Day + hour * Hour + random.NextInt64(Hour));
            }
            Array.Sort(times, first, i - first);
        }
        return times;
    }

    public RequestLoad Request(long id, string serviceRequestId, long requestedAt)
    {
        var entry = catalog[Pick(serviceCumulative)];
        var service = entry.Service;
        var age = now - requestedAt;
        // Older requests are mostly closed; the last month's are still being worked on.
        var closeChance = age > 30 * Day ? 0.96 : 0.15 + 0.81 * age / (30.0 * Day);
        long? closedAt = null;
        if (random.NextDouble() < closeChance)
        {
            var hours = Math.Exp(Normal() * 1.3 + Math.Log(72)); // median three days, a long tail
            var at = requestedAt + (long)(hours * Hour);
            if (at < now - Hour) closedAt = at; // an hour's room: a change is never later than now
        }

        var notes = new List<NoteRow> { Note(id, requestedAt, "opened", "Request opened", null, true) };
        var until = closedAt ?? now - 1000;
        var activity = random.NextDouble() switch { < 0.35 => 0, < 0.7 => 1, < 0.9 => 2, _ => 3 };
        foreach (var at in Enumerable.Range(0, activity).Select(_ => requestedAt + 1 + random.NextInt64(Math.Max(1, until - requestedAt - 1))).Order())
            notes.Add(random.NextDouble() < 0.6
                ? Note(id, at, "activity", SeedText.Pick(random, SeedText.PublicNotes), SeedText.Pick(random, SeedText.PublicNotes) + ".", true)
                : Note(id, at, "activity", null, SeedText.Pick(random, SeedText.PrivateNotes) + ".", false));
        string? statusNotes = null;
        if (closedAt is { } closed)
        {
            statusNotes = SeedText.Pick(random, SeedText.ClosingNotes);
            notes.Add(Note(id, Math.Max(closed, notes[^1].CreatedAt + 1), "closed", "Request closed", statusNotes, true));
        }
        // Every note after the opening is a change; two in the same millisecond move it on by one (RequestRow.Touch).
        var changes = new List<long>();
        for (var n = 1; n < notes.Count; n++)
        {
            var at = Math.Max(notes[n].CreatedAt, (changes.Count > 0 ? changes[^1] : requestedAt) + 1);
            if (at != notes[n].CreatedAt) notes[n] = Note(id, at, notes[n].Type, notes[n].Summary, notes[n].Description, notes[n].Public);
            changes.Add(at);
        }

        var (lat, lon, street) = (streets ??= new SeedStreets(random)).Next();
        var zipcode = SeedText.Pick(random, SeedText.Zipcodes);
        var named = random.NextDouble() < 0.3;
        var first = SeedText.Pick(random, SeedText.FirstNames);
        var last = SeedText.Pick(random, SeedText.LastNames);
        var row = new RequestRow
        {
            Id = id,
            ServiceRequestId = serviceRequestId,
            Token = Token(),
            ServiceId = service.Id,
            Status = closedAt is null ? "open" : "closed",
            StatusNotes = statusNotes,
            Description = SeedText.Description(random, service.ServiceCode, service.ServiceName),
            AgencyResponsible = changes.Count > 0 ? SeedText.Pick(random, SeedText.Agencies) : null,
            RequestedAt = requestedAt,
            ExpectedAt = closedAt is null && changes.Count > 0 ? now + random.NextInt64(1, 14) * Day : null,
            Address = $"{random.Next(100, 13000)} {street}, Austin, TX {zipcode}",
            Zipcode = zipcode,
            // Along the demo city's streets, more downtown (SeedStreets).
            Lat = lat,
            Lon = lon,
            Channel = SeedText.Pick(random, SeedText.Channels),
            Email = named ? $"{first}.{last}{random.Next(100)}@example.org".ToLowerInvariant() : null,
            FirstName = named ? first : null,
            LastName = named ? last : null,
            Phone = named ? $"512-555-{random.Next(10000):0000}" : null,
            // The last change, or the creation; every change moves the version, as RequestRow.Touch does.
            UpdatedAt = changes.Count > 0 ? changes[^1] : requestedAt,
            Version = 1 + changes.Count,
        };
        return new RequestLoad(row, Answers(id, entry, requestedAt), notes, changes);
    }

    static NoteRow Note(long requestId, long at, string type, string? summary, string? description, bool isPublic) =>
        new() { RequestId = requestId, CreatedAt = at, Type = type, Summary = summary, Description = description, Public = isPublic };

    // Valid for the definition, as Submission would have stored them: every required question, half the others.
    List<AnswerRow> Answers(long id, ServiceEntry entry, long requestedAt)
    {
        var answers = new List<AnswerRow>();
        foreach (var a in entry.Attributes.Where(a => a.Variable))
        {
            if (!a.Required && random.NextDouble() < 0.5) continue;
            switch (a.Datatype)
            {
                case Datatypes.SingleValueList when a.Values.Count > 0:
                    answers.Add(Answer(id, a.Code, 0, SeedText.Pick(random, a.Values).Key));
                    break;
                case Datatypes.MultiValueList when a.Values.Count > 0:
                    var keys = a.Values.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(3, a.Values.Count) + 1)).ToList();
                    answers.AddRange(keys.Select((v, i) => Answer(id, a.Code, i, v.Key)));
                    break;
                case Datatypes.Number:
                    answers.Add(Answer(id, a.Code, 0, random.Next(1, 13).ToString(CultureInfo.InvariantCulture)));
                    break;
                case Datatypes.Datetime:
                    answers.Add(Answer(id, a.Code, 0, dates.Format(requestedAt - random.NextInt64(1, 72) * Hour)));
                    break;
                case Datatypes.String or Datatypes.Text:
                    answers.Add(Answer(id, a.Code, 0, Text(a.Code)));
                    break;
            }
        }
        return answers;
    }

    static AnswerRow Answer(long requestId, string code, int position, string value) =>
        new() { RequestId = requestId, Code = code, Position = position, Value = value };

    string Text(string code) => code switch
    {
        "PARKNAME" => SeedText.Pick(random, SeedText.Parks),
        "PLATE" => $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{random.Next(1000, 9999)}",
        "VEHDESC" => SeedText.Pick(random, (string[])["Silver Honda Civic", "White Ford pickup", "Black sedan", "Red minivan"]),
        "POLENUM" => $"P{random.Next(10000, 99999)}",
        "POTHLANE" => SeedText.Pick(random, (string[])["right lane", "left lane", "turn lane", "shoulder"]),
        _ => SeedText.Pick(random, (string[])["Happens most evenings.", "Seen twice this week.", "Please send someone soon."]),
    };

    // 144 random bits, URL-safe, like RequestStore's, from the seeded generator.
    string Token()
    {
        var bytes = new byte[18];
        random.NextBytes(bytes);
        return ApiKeySecrets.Base64Url(bytes);
    }

    public int YearOf(long epochMs) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(epochMs), dates.Zone).Year % 100;

    int Pick(double[] cumulative)
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i + 1, cumulative.Length - 1);
    }

    double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    static double[] Cumulative(double[] weights)
    {
        var sums = new double[weights.Length];
        double total = 0;
        for (var i = 0; i < weights.Length; i++) sums[i] = total += weights[i];
        return sums;
    }

    // Whole numbers in proportion to the weights that add up to exactly `total` (largest remainders).
    static int[] Apportion(double[] weights, int total)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => w / sum * total).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - counts.Sum();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - counts[i]).Take(left)) counts[i]++;
        return counts;
    }
}
