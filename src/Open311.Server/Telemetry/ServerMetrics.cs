using System.Diagnostics.Metrics;

namespace Open311;

// The server's own counters (CONTRACT §13), beside the framework's HTTP metrics: what an operator watches.
// Tags are small closed sets (a channel from the accepted list, anonymous or keyed), never a key or a person.
sealed class ServerMetrics
{
    public const string MeterName = "Open311";

    readonly Counter<long> created;
    readonly Counter<long> refusals;
    readonly Counter<long> storageErrors;
    readonly Counter<long> photoBytes;

    public ServerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        created = meter.CreateCounter<long>("open311.requests.created", "{request}", "Service requests created, by channel");
        refusals = meter.CreateCounter<long>("open311.rate_limit.refusals", "{call}", "Calls refused with 429, by caller (anonymous or keyed)");
        storageErrors = meter.CreateCounter<long>("open311.storage.errors", "{error}", "Calls that failed because the storage did not answer (503)");
        photoBytes = meter.CreateCounter<long>("open311.photos.stored", "By", "Bytes of photos stored, after metadata was stripped");
    }

    // The channels a city's clients use; any other a client names is counted as "other", so that a client
    // cannot make a series per made-up name.
    static readonly HashSet<string> Channels = ["open311", "web", "iphone", "android", "phone", "email", "walk-in", "staff", "fixmystreet"];

    public void RequestCreated(string channel) =>
        created.Add(1, new KeyValuePair<string, object?>("channel", Channels.Contains(channel) ? channel : "other"));

    public void RateLimited(bool keyed) => refusals.Add(1, new KeyValuePair<string, object?>("caller", keyed ? "keyed" : "anonymous"));

    public void StorageFailed() => storageErrors.Add(1);

    public void PhotoStored(long bytes) => photoBytes.Add(bytes);
}
