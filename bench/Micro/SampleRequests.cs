namespace Open311.Bench.Micro;

// A page of 100 requests as the search endpoint hands them to the wire writers, made as `seed` makes them.
static class SampleRequests
{
    public static List<RequestWire> Page(bool extensions)
    {
        var random = new Random(1);
        var dates = DateCodec.For(null);
        var now = DateTimeOffset.Parse("2026-11-28T12:00:00Z").ToUnixTimeMilliseconds();
        var list = new List<RequestWire>(100);
        for (var i = 0; i < 100; i++)
        {
            var requested = now - random.NextInt64(90L * 86_400_000);
            var closed = random.NextDouble() < 0.7;
            var wire = new RequestWire($"26-{i + 1:00000000}", closed ? "closed" : "open", closed ? "Repaired by the crew." : null,
                "Pothole Repair", "PWPOTHOL", "Deep pothole in the right lane and cars swerve around it near the HEB.",
                closed ? "Austin Transportation & Public Works" : null, null, dates.Format(requested), dates.Format(requested + 86_400_000),
                null, $"{random.Next(100, 13000)} S Lamar Blvd, Austin, TX 78704", null, "78704",
                30.13 + random.NextDouble() * 0.37, -97.92 + random.NextDouble() * 0.33, null, "NFfJDrho_rgur_8Xhz7qvWdm");
            if (extensions)
                wire = wire with
                {
                    Details = new Dictionary<string, object> { ["POTHSIZE"] = "large" },
                    Attributes = [new RequestAttributeWire("About how big is the pothole?", "Larger than a car tire", "POTHSIZE", "large")],
                    ExtendedAttributes = new RequestExtensionWire("iphone", []),
                    Notes = [new NoteWire(dates.Format(requested), null, "Request opened", "opened"),
                        new NoteWire(dates.Format(requested + 86_400_000), "Repaired by the crew.", "Request closed", "closed")],
                };
            list.Add(wire);
        }
        return list;
    }
}
