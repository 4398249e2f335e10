namespace Open311.Bench.Load;

// GET /requests/{id}: one request, held to half the limit's rate.
sealed class OneRequest(BenchData data) : Scenario
{
    public override string Name => "one request by id";
    public override string Target => $"/open311/v2/requests/{data.RequestId}.json";
}
