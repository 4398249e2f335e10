namespace Open311.Bench.Load;

// CONTRACT §10: what a map of the city centre asks for, about 2 km a side, 100 at a time.
sealed class MapView : Scenario
{
    public override string Name => "map-sized bbox (2 km), 100";
    public override string Target => "/open311/v2/requests.json?bbox=-97.7535,30.2582,-97.7327,30.2762&per_page=100";
}
