namespace Open311.Bench.Load;

// CONTRACT §10: the requests within 500 m of a point downtown, where the seed's streets crowd (SeedStreets).
sealed class RadiusSearch : Scenario
{
    public override string Name => "500 m radius downtown";
    public override string Target => "/open311/v2/requests.json?lat=30.2672&long=-97.7431&radius=500";
}
