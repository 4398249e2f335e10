namespace Open311.Bench.Load;

// CONTRACT §10: the requests within 500 m of a point on the busiest street downtown (SeedStreets; about 23,000
// at 1M: the city centre itself, 30.2672,-97.7431, has no seeded street within 500 m).
sealed class RadiusSearch : Scenario
{
    public override string Name => "500 m radius downtown";
    public override string Target => "/open311/v2/requests.json?lat=30.2600&long=-97.7431&radius=500";
}
