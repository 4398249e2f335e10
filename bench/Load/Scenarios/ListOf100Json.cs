namespace Open311.Bench.Load;

// The largest page, in JSON: held to a quarter of the limit's rate.
sealed class ListOf100Json : Scenario
{
    public override string Name => "list of 100, JSON";
    public override string Target => "/open311/v2/requests.json?per_page=100";
}
