using System.ComponentModel.DataAnnotations;

namespace Open311;

// Open311:Tuning: the numbers behind the server's caches, batches and search plans. The defaults are what
// the benchmark was measured with; an operator rarely needs them, tests shorten them.
sealed class TuningOptions
{
    // SQLite's q plans (SqliteDialect): a word with fewer matches than this is looked up by id; a commoner
    // one walks the list in its order, the first stretch this many rows long and each next one twice as long.
    [Range(1, 1_000_000)] public int TextFewMatches { get; set; } = 500;
    [Range(1, 1_000_000)] public int TextWalkStretch { get; set; } = 400;

    // Searches by place (RequestQueries): a place the spatial index finds fewer requests in than this is read through
    // the index; a busier one by walking the list in its order.
    [Range(1, 10_000_000)] public int PlaceFewMatches { get; set; } = 3_000;

    // Page starts of sync lists kept in memory (SyncBookmarks); past this many, they are dropped and made again.
    [Range(0, 10_000_000)] public int SyncBookmarks { get; set; } = 100_000;

    // With Redis only: how long a key lookup is kept when no change announced on the channel clears it sooner (KeyStore);
    // without Redis keys are not cached. 0 turns the cache off.
    [Range(0, 3600)] public int KeyCacheSeconds { get; set; } = 5;

    // How often the catalog's version is read (CatalogCache), and for how long after a change made through
    // this instance it is read on every call.
    [Range(0, 3_600_000)] public int CatalogRecheckMs { get; set; } = 1_000;
    [Range(0, 3_600_000)] public int CatalogAfterChangeMs { get; set; } = 5_000;

    // Writes committed together at most (GroupCommit).
    [Range(1, 10_000)] public int GroupCommitBatch { get; set; } = 64;

    // Redis: connecting, each command, and how long to count on this instance after an outage before trying again.
    [Range(100, 60_000)] public int RedisConnectTimeoutMs { get; set; } = 2_000;
    [Range(100, 60_000)] public int RedisCommandTimeoutMs { get; set; } = 1_000;
    [Range(1, 3600)] public int RedisRetrySeconds { get; set; } = 5;
}
