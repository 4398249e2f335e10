using BenchmarkDotNet.Attributes;

namespace Open311.Bench.Micro;

// GET /requests parameters to a filter (RequestSearch.Parse): none, and every one a sync client sends.
[MemoryDiagnoser]
public class SearchParsing
{
    static readonly DateCodec Dates = DateCodec.For(null);
    static readonly long Now = DateTimeOffset.Parse("2026-11-28T12:00:00Z").ToUnixTimeMilliseconds();

    static readonly SearchParameters Empty = new();

    static readonly SearchParameters Full = new(
        ServiceCode: "PWPOTHOL, SWSGRAFF", Status: "open,closed", UpdatedAfter: "2026-09-01T00:00:00-0500",
        UpdatedBefore: "2026-11-01", Q: "deep pothole", PerPage: "100", Page: "12", Order: "updated_datetime", Extensions: "true");

    [Benchmark(Baseline = true)]
    public object? NoParameters() => RequestSearch.Parse(Empty, Now, Dates).Filter;

    [Benchmark]
    public object? EveryParameter() => RequestSearch.Parse(Full, Now, Dates).Filter;
}
