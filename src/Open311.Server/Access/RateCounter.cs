using System.Collections.Concurrent;

namespace Open311;

// One decision of the limiter: whether the call may go on, and what the RateLimit headers say.
readonly record struct RateDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);

// Counts calls per partition in fixed one-minute windows aligned to the clock, so every instance
// sharing a counter agrees on when a window ends and Retry-After is true for all of them.
interface IRateCounter
{
    ValueTask<RateDecision> HitAsync(string partition, int limit, long nowMs, CancellationToken ct);
}

static class RateWindow
{
    public const long Ms = 60_000;

    public static long Index(long nowMs) => nowMs / Ms;

    // Whole seconds until the window ends, rounded up so that waiting that long always reaches the next window.
    public static int SecondsLeft(long nowMs) => (int)Math.Max(1, (Ms - nowMs % Ms + 999) / 1000);

    public static RateDecision Decide(long count, int limit, long nowMs) =>
        new(count <= limit, limit, (int)Math.Max(0, limit - count), SecondsLeft(nowMs));
}

// The counter of a single instance.
sealed class MemoryRateCounter : IRateCounter
{
    readonly ConcurrentDictionary<string, Window> windows = new();
    long lastSweep;

    // The window's index and its count in one long (index << 32 | count), moved with compare-and-swap:
    // every anonymous call from one address hits the same window, and a lock there was contended.
    sealed class Window(long index)
    {
        public long State = index << 32;
        public long Index => Volatile.Read(ref State) >> 32;
    }

    public ValueTask<RateDecision> HitAsync(string partition, int limit, long nowMs, CancellationToken ct)
    {
        var index = RateWindow.Index(nowMs);
        Sweep(index);
        var window = windows.GetOrAdd(partition, _ => new Window(index));
        long state, next;
        do
        {
            state = Volatile.Read(ref window.State);
            next = state >> 32 == index ? state + 1 : index << 32 | 1;
        }
        while (Interlocked.CompareExchange(ref window.State, next, state) != state);
        var count = next & 0xFFFF_FFFF;
        return ValueTask.FromResult(RateWindow.Decide(count, limit, nowMs));
    }

    // Drops the partitions of past windows, once per window.
    void Sweep(long index)
    {
        var last = Interlocked.Read(ref lastSweep);
        if (last == index || Interlocked.CompareExchange(ref lastSweep, index, last) != last) return;
        foreach (var (partition, window) in windows)
            if (window.Index < index) windows.TryRemove(partition, out _);
    }
}
