namespace Open311.Bench.Load;

// One call, as wrk repeats it: its method, path and query, whether it carries the bench's key, and
// extra headers. Each scenario is a file in this folder; All lists them in the order they run.
abstract class Scenario
{
    public abstract string Name { get; }
    public abstract string Target { get; }
    public virtual string Method => "GET";
    public virtual bool WithKey => false;
    public virtual IReadOnlyDictionary<string, string> Headers => new Dictionary<string, string>();
    // For a POST: the form body, to which each call adds a number.
    public virtual string? Body => null;

    public static IReadOnlyList<Scenario> All(BenchData data) =>
    [
        new ServiceList(),
        new ServiceDefinition(),
        new DefaultSearch(),
        new ListOf100Json(),
        new ListOf100Xml(),
        new ListOf100Gzip(),
        new TextSearchCommon(),
        new TextSearchRare(),
        new FilteredPage(),
        new RadiusSearch(),
        new MapView(),
        new NearbyLookup(),
        new SyncFirstPage(data),
        new SyncDeepPage(data),
        new OneRequest(data),
        new TokenLookup(data),
        new CreateRequest(),
    ];
}
