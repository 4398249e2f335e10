namespace Open311.Tests;

// The request page's update form as a change, as a table: only what changed is set; the extended status alone or
// the status alone (the other follows in RequestLifecycle); a new original of a duplicate sets the extended status
// beside it; blank clears. The draft checks each field as PATCH's body does, and names the rule each broke.
[Trait("Storage", "none")]
public class ConsoleUpdateTests
{
    static readonly UpdateForm Now = new("open", "submitted", null, "Booked", "Crew 4", "2026-12-01T09:00");
    static readonly DateCodec Dates = DateCodec.For("America/Chicago");

    // Each column the draft set as name=value (null as ∅; expected_at as the jurisdiction's time), in the order set.
    static string Set(PatchDraft draft) => string.Join(" ", draft.Columns.Select(c => $"{c.Key}={c.Value switch
    {
        null => "∅",
        long ms => Dates.Format(ms),
        var v => v,
    }}"));

    [Theory]
    [InlineData("open", "submitted", "", "Booked", "Crew 4", "2026-12-01T09:00", "", "body:nothing")]
    [InlineData("closed", "submitted", "", "Booked", "Crew 4", "2026-12-01T09:00", "status=closed", "")]
    [InlineData("open", "fixed", "", "Booked", "Crew 4", "2026-12-01T09:00", "status_detail=fixed", "")]
    [InlineData("closed", "fixed", "", "Booked", "Crew 4", "2026-12-01T09:00", "status=closed status_detail=fixed", "")]
    [InlineData("closed", "acknowledged", "", "Booked", "Crew 4", "2026-12-01T09:00", "status=closed status_detail=acknowledged", "status:disagrees")]
    [InlineData("open", "duplicate", "26-00000001", "Booked", "Crew 4", "2026-12-01T09:00", "status_detail=duplicate duplicate_of=26-00000001", "")]
    [InlineData("open", "investigating", "26-00000001", "Booked", "Crew 4", "2026-12-01T09:00", "status_detail=investigating", "duplicate_of:goes_with")]
    [InlineData("open", "submitted", " ", " ", "", "", "status_notes=∅ agency_responsible=∅ expected_at=∅", "")]
    [InlineData("open", "submitted", "", "Booked", "Crew 5", "2026-12-02T09:00", "agency_responsible=Crew 5 expected_at=2026-12-02T09:00:00-06:00", "")]
    [InlineData("open", "submitted", "", "Booked", "Crew 4", "soon", "", "expected_datetime:not_a_datetime")]
    [InlineData("open", "pending", "", "Booked", "Crew 4", "2026-12-01T09:00", "", "status_detail:not_a_choice")]
    public void TheFormSetsWhatChanged(string status, string detail, string duplicate, string notes, string agency, string expected,
        string set, string problem)
    {
        var draft = ConsoleUpdate.Draft(Now, new(status, detail, duplicate, notes, agency, expected), Dates);
        Assert.Equal(set, Set(draft));
        var patch = draft.Finish();
        Assert.Equal(problem, string.Join(",", draft.Problems.Select(p => $"{p.Field}:{p.Rule}")));
        Assert.Equal(draft.Problems.Count == 0, patch is not null);
    }

    [Fact]
    public void ADuplicatesOriginalChangedOrClearedSetsWhatTheChangeNeeds()
    {
        var duplicate = Now with { Status = "closed", StatusDetail = "duplicate", DuplicateOf = "26-00000001" };
        // Another original: the extended status goes with it, unchanged.
        Assert.Equal("status_detail=duplicate duplicate_of=26-00000002", Set(ConsoleUpdate.Draft(duplicate, duplicate with { DuplicateOf = "26-00000002" }, Dates)));
        // Cleared: null, which the change takes.
        var cleared = ConsoleUpdate.Draft(duplicate, duplicate with { DuplicateOf = "" }, Dates);
        Assert.Equal("duplicate_of=∅", Set(cleared));
        Assert.NotNull(cleared.Finish());
        // The same original again: nothing.
        Assert.Equal("", Set(ConsoleUpdate.Draft(duplicate, duplicate with { DuplicateOf = " 26-00000001 " }, Dates)));
    }
}
