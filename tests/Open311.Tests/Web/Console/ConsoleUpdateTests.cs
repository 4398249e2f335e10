namespace Open311.Tests;

// The request page's update form as a PATCH body, as a table: only what changed is sent; the extended status alone
// or the status alone (the other follows in RequestLifecycle); a new original of a duplicate sends the extended
// status beside it; blank clears. PatchBody.Check then answers as it does for PATCH.
[Trait("Storage", "none")]
public class ConsoleUpdateTests
{
    static readonly UpdateForm Now = new("open", "submitted", null, "Booked", "Crew 4", "2026-12-01T09:00");
    static readonly DateCodec Dates = DateCodec.For("America/Chicago");

    // Each sent field of the body as name=value (null as ∅), in PatchBody's order.
    static string Sent(PatchBody b) => string.Join(" ", new (string, Field<string>)[]
        {
            ("status", b.Status), ("status_notes", b.StatusNotes), ("agency", b.AgencyResponsible), ("expected", b.ExpectedDatetime),
            ("status_detail", b.StatusDetail), ("duplicate_of", b.DuplicateOf),
        }.Where(f => f.Item2.Sent).Select(f => $"{f.Item1}={(f.Item2.IsNull ? "∅" : f.Item2.Value)}"));

    [Theory]
    [InlineData("open", "submitted", "", "Booked", "Crew 4", "2026-12-01T09:00", "", "")]
    [InlineData("closed", "submitted", "", "Booked", "Crew 4", "2026-12-01T09:00", "status=closed", "")]
    [InlineData("open", "fixed", "", "Booked", "Crew 4", "2026-12-01T09:00", "status_detail=fixed", "")]
    [InlineData("closed", "fixed", "", "Booked", "Crew 4", "2026-12-01T09:00", "status=closed status_detail=fixed", "")]
    [InlineData("closed", "acknowledged", "", "Booked", "Crew 4", "2026-12-01T09:00", "status=closed status_detail=acknowledged", "status")]
    [InlineData("open", "duplicate", "26-00000001", "Booked", "Crew 4", "2026-12-01T09:00", "status_detail=duplicate duplicate_of=26-00000001", "")]
    [InlineData("open", "investigating", "26-00000001", "Booked", "Crew 4", "2026-12-01T09:00", "status_detail=investigating duplicate_of=26-00000001", "duplicate_of")]
    [InlineData("open", "submitted", " ", " ", "", "", "status_notes=∅ agency=∅ expected=∅", "")]
    [InlineData("open", "submitted", "", "Booked", "Crew 5", "2026-12-02T09:00", "agency=Crew 5 expected=2026-12-02T09:00", "")]
    [InlineData("open", "pending", "", "Booked", "Crew 4", "2026-12-01T09:00", "status_detail=pending", "status_detail")]
    public void TheFormSendsWhatChanged(string status, string detail, string duplicate, string notes, string agency, string expected,
        string sent, string problem)
    {
        var body = ConsoleUpdate.Body(Now, new(status, detail, duplicate, notes, agency, expected));
        Assert.Equal(sent, Sent(body));
        var (patch, problems) = body.Check(Dates);
        Assert.Equal(sent.Length == 0 ? "body" : problem, string.Join(",", problems.Select(p => p.Item1)));
        Assert.Equal(problems.Count == 0, patch is not null);
    }

    [Fact]
    public void ADuplicatesOriginalChangedOrClearedSendsWhatPatchNeeds()
    {
        var duplicate = Now with { Status = "closed", StatusDetail = "duplicate", DuplicateOf = "26-00000001" };
        // Another original: the extended status goes with it, unchanged.
        Assert.Equal("status_detail=duplicate duplicate_of=26-00000002", Sent(ConsoleUpdate.Body(duplicate, duplicate with { DuplicateOf = "26-00000002" })));
        // Cleared: null, which PATCH takes.
        var cleared = ConsoleUpdate.Body(duplicate, duplicate with { DuplicateOf = "" });
        Assert.Equal("duplicate_of=∅", Sent(cleared));
        Assert.NotNull(cleared.Check(Dates).Patch);
        // The same original again: nothing.
        Assert.Equal("", Sent(ConsoleUpdate.Body(duplicate, duplicate with { DuplicateOf = " 26-00000001 " })));
    }
}
