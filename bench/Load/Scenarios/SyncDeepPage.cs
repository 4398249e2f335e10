namespace Open311.Bench.Load;

// The same pass nine tenths of the way through: it should cost what the first page costs.
sealed class SyncDeepPage(BenchData data) : Scenario
{
    public override string Name => $"sync, page {data.SyncDeepPage} of {data.SyncPages}";
    public override string Target => BenchData.SyncTarget(data.SyncAfter, data.SyncDeepPage);
    public override bool WithKey => true;
}
