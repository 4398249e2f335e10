using BenchmarkDotNet.Attributes;

namespace Open311.Bench.Micro;

// A page of 100 requests to bytes, as Wire writes every public answer: JSON, and XML from the same contract.
[MemoryDiagnoser]
public class Serialization
{
    List<RequestWire> page = [];

    [Params(false, true)]
    public bool Extensions { get; set; }

    [GlobalSetup]
    public void Setup() => page = SampleRequests.Page(Extensions);

    [Benchmark(Baseline = true)]
    public int Json() => Wire.Serialize(WireFormat.Json, "service_requests", page).Length;

    [Benchmark]
    public int Xml() => Wire.Serialize(WireFormat.Xml, "service_requests", page).Length;
}
