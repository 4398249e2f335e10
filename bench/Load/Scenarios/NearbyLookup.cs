namespace Open311.Bench.Load;

// CONTRACT §10: "is this already reported?" before a pothole is sent from the busiest street downtown
// (the radius search's point, where the seed puts open potholes along the street).
sealed class NearbyLookup : Scenario
{
    public override string Name => "nearby lookup";
    public override string Target => "/open311/v2/requests/nearby.json?service_code=PWPOTHOL&lat=30.2600&long=-97.7431";
}
