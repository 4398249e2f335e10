namespace Open311.Bench.Load;

// A pipeline's incremental sync (Austin's own), first page: everything changed in the last 89 days, oldest change first.
sealed class SyncFirstPage(BenchData data) : Scenario
{
    public override string Name => "sync, page 1";
    public override string Target => BenchData.SyncTarget(data.SyncAfter, 1);
    public override bool WithKey => true;
}
