namespace Open311.Bench.Load;

// GET /requests with no parameter: the newest 50 of the last 90 days.
sealed class DefaultSearch : Scenario
{
    public override string Name => "default search (50)";
    public override string Target => "/open311/v2/requests.json";
}
