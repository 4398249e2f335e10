namespace Open311.Bench.Load;

// The same JSON page for a client that accepts gzip, as browsers and most HTTP libraries do.
sealed class ListOf100Gzip : Scenario
{
    public override string Name => "list of 100, JSON, gzip";
    public override string Target => "/open311/v2/requests.json?per_page=100";
    public override IReadOnlyDictionary<string, string> Headers => new Dictionary<string, string> { ["Accept-Encoding"] = "gzip" };
}
