namespace Open311.Bench.Load;

// Two services' open requests, fifth page of 100.
sealed class FilteredPage : Scenario
{
    public override string Name => "2 services, open, page 5 of 100";
    public override string Target => "/open311/v2/requests.json?service_code=PWPOTHOL,SWSGRAFF&status=open&per_page=100&page=5";
}
