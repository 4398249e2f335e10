using BenchmarkDotNet.Attributes;

namespace Open311.Bench.Micro;

// A page of 100 requests to bytes, as Wire writes every public answer (into pooled buffers): JSON, and XML
// from the same contract.
[MemoryDiagnoser]
public class Serialization
{
    List<RequestWire> page = [];

    [Params(false, true)]
    public bool Extensions { get; set; }

    [GlobalSetup]
    public void Setup() => page = SampleRequests.Page(Extensions);

    [Benchmark(Baseline = true)]
    public long Json() => Write(WireFormat.Json);

    [Benchmark]
    public long Xml() => Write(WireFormat.Xml);

    long Write(WireFormat format)
    {
        using var buffer = new PooledStream();
        Wire.SerializeInto(buffer, format, "service_requests", page);
        return buffer.Length;
    }
}
