namespace Open311.Bench.Load;

// The same page in XML, which GeoReport v2 clients still ask for.
sealed class ListOf100Xml : Scenario
{
    public override string Name => "list of 100, XML";
    public override string Target => "/open311/v2/requests.xml?per_page=100";
}
