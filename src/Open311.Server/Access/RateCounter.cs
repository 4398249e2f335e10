using System.Collections.Concurrent;

namespace Open311;

// One decision of the limiter: whether the call may go on, and what the RateLimit headers say.
readonly record struct RateDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);

// Counts events per partition in fixed windows aligned to the clock (a minute for API calls, an hour for the
// resident site's reports), so every instance sharing a counter agrees on when a window ends and Retry-After
// is true for all of them.
interface IRateCounter
{
    // Counts one event in the partition's current window and decides whether it is within the limit.
    ValueTask<RateDecision> HitAsync(string partition, int limit, long windowMs, long nowMs, CancellationToken ct);

    // How many events the partition's current window holds, without counting one.
    ValueTask<long> CountAsync(string partition, long windowMs, long nowMs, CancellationToken ct);

    // Takes back one event counted at nowMs (a reservation that was not used), if its window still holds any.
    ValueTask RefundAsync(string partition, long windowMs, long nowMs, CancellationToken ct);
}

static class RateWindow
{
    public const long Minute = 60_000;
    public const long Hour = 3_600_000;

    public static long Index(long nowMs, long windowMs) => nowMs / windowMs;

    public static long EndMs(long nowMs, long windowMs) => (Index(nowMs, windowMs) + 1) * windowMs;

    // Whole seconds until the window ends, rounded up so that waiting that long always reaches the next window.
    public static int SecondsLeft(long nowMs, long windowMs) => (int)Math.Max(1, (windowMs - nowMs % windowMs + 999) / 1000);

    public static RateDecision Decide(long count, int limit, long windowMs, long nowMs) =>
        new(count <= limit, limit, (int)Math.Max(0, limit - count), SecondsLeft(nowMs, windowMs));
}

// The counter of a single instance.
sealed class MemoryRateCounter : IRateCounter
{
    readonly ConcurrentDictionary<string, Window> windows = new();
    long lastSweep;

    // The window's index and its count in one long (index << 32 | count), moved with compare-and-swap:
    // every anonymous call from one address hits the same window, and a lock there was contended.
    sealed class Window(long index, long length)
    {
        public long State = index << 32;
        public readonly long Length = length;
        public long Index => Volatile.Read(ref State) >> 32;
    }

    static string Name(string partition, long windowMs) => windowMs == RateWindow.Minute ? partition : $"{partition}/{windowMs}";

    public ValueTask<RateDecision> HitAsync(string partition, int limit, long windowMs, long nowMs, CancellationToken ct)
    {
        var index = RateWindow.Index(nowMs, windowMs);
        Sweep(nowMs);
        var window = windows.GetOrAdd(Name(partition, windowMs), _ => new Window(index, windowMs));
        long state, next;
        do
        {
            state = Volatile.Read(ref window.State);
            next = state >> 32 == index ? state + 1 : index << 32 | 1;
        }
        while (Interlocked.CompareExchange(ref window.State, next, state) != state);
        var count = next & 0xFFFF_FFFF;
        return ValueTask.FromResult(RateWindow.Decide(count, limit, windowMs, nowMs));
    }

    public ValueTask<long> CountAsync(string partition, long windowMs, long nowMs, CancellationToken ct) =>
        ValueTask.FromResult(windows.TryGetValue(Name(partition, windowMs), out var window)
            && Volatile.Read(ref window.State) is var state && state >> 32 == RateWindow.Index(nowMs, windowMs)
            ? state & 0xFFFF_FFFF : 0L);

    public ValueTask RefundAsync(string partition, long windowMs, long nowMs, CancellationToken ct)
    {
        if (!windows.TryGetValue(Name(partition, windowMs), out var window)) return ValueTask.CompletedTask;
        var index = RateWindow.Index(nowMs, windowMs);
        long state;
        do
        {
            state = Volatile.Read(ref window.State);
            if (state >> 32 != index || (state & 0xFFFF_FFFF) == 0) return ValueTask.CompletedTask;
        }
        while (Interlocked.CompareExchange(ref window.State, state - 1, state) != state);
        return ValueTask.CompletedTask;
    }

    // Drops the partitions of past windows, once a minute.
    void Sweep(long nowMs)
    {
        var minute = RateWindow.Index(nowMs, RateWindow.Minute);
        var last = Interlocked.Read(ref lastSweep);
        if (last == minute || Interlocked.CompareExchange(ref lastSweep, minute, last) != last) return;
        foreach (var (partition, window) in windows)
            if (window.Index < RateWindow.Index(nowMs, window.Length)) windows.TryRemove(partition, out _);
    }
}
