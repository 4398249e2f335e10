namespace Open311.Bench.Load;

// POST /requests with a key: each answer is a committed, durable request. 1,000 a second is the goal.
sealed class CreateRequest : Scenario
{
    public override string Name => "create a request (key)";
    public override string Method => "POST";
    public override string Target => "/open311/v2/requests.json";
    public override bool WithKey => true;
    public override string? Body => BenchData.CreateBody;
}
