namespace Open311.Bench.Load;

// GET /services: what every app reads first, and the same until staff change the catalog.
sealed class ServiceList : Scenario
{
    public override string Name => "service list";
    public override string Target => "/open311/v2/services.json";
}
