using System.Globalization;
using System.Threading.Channels;
using Dapper;

namespace Open311;

// `seed --requests N`: fills the configured store with N made-up requests for its catalog, in batches
// of one transaction each, through the dialect's bulk load. The next batch is made on another thread
// while one is written.
sealed class Seeder(Database db, CatalogReader reader, DateCodec dates, TimeProvider time)
{
    public const int BatchSize = 20_000;

    sealed record Batch(List<RequestLoad> Requests, Dictionary<int, long> Sequences);

    public async Task SeedAsync(int count, int seed, IProgress<int>? progress, CancellationToken ct)
    {
        var catalog = (await reader.ReadAsync(ct)).Services;
        if (catalog.Count == 0) throw new InvalidOperationException("The catalog is empty: there is no service to seed requests for.");
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();

        await using var connection = await db.OpenAsync(ct);
        await db.Dialect.BeginLoadAsync(connection, ct);
        var firstId = await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) + 1 FROM requests");
        var sequences = (await connection.QueryAsync<(int Year, long LastValue)>("SELECT year, last_value FROM request_sequences"))
            .ToDictionary(s => s.Year, s => s.LastValue);

        var batches = Channel.CreateBounded<Batch>(2);
        var making = Task.Run(() => MakeAsync(new SeedRequests(catalog, dates, now, seed), count, firstId, sequences, batches.Writer, ct), ct);
        var done = 0;
        await foreach (var batch in batches.Reader.ReadAllAsync(ct))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await RequestLoad.WriteAsync(db.Dialect, connection, transaction, batch.Requests, ct);
            foreach (var (year, value) in batch.Sequences)
                await connection.ExecuteAsync(
                    """
                    INSERT INTO request_sequences (year, last_value) VALUES (@year, @value)
                    ON CONFLICT (year) DO UPDATE SET last_value = excluded.last_value
                    """, new { year, value }, transaction);
            done += batch.Requests.Count;
            if (done == count)
                await AuditTrail.WriteAsync(connection, transaction, now, Actor.Command, "request", "seed", "seeded", new { requests = count, seed });
            await transaction.CommitAsync(ct);
            progress?.Report(done);
        }
        await making;
        await db.Dialect.EndLoadAsync(connection, ct);
    }

    static async Task MakeAsync(SeedRequests made, int count, long nextId, Dictionary<int, long> sequences,
        ChannelWriter<Batch> batches, CancellationToken ct)
    {
        try
        {
            var times = made.Times(count);
            for (var done = 0; done < count;)
            {
                var requests = new List<RequestLoad>(BatchSize);
                var touched = new Dictionary<int, long>();
                for (; done < count && requests.Count < BatchSize; done++)
                {
                    // Austin's form, YY-NNNNNNNN: numbered within the year the request was made, in order.
                    var year = made.YearOf(times[done]);
                    var number = touched[year] = sequences[year] = sequences.GetValueOrDefault(year) + 1;
                    requests.Add(made.Request(nextId++, string.Create(CultureInfo.InvariantCulture, $"{year:00}-{number:00000000}"), times[done]));
                }
                await batches.WriteAsync(new Batch(requests, touched), ct);
            }
            batches.Complete();
        }
        catch (Exception e)
        {
            batches.Complete(e);
        }
    }
}
