using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Open311;

// PostgreSQL's bulk load: binary COPY. Requests go through a staging table so that their search column
// is written with the row (an UPDATE afterwards would leave every row behind once); the insert trigger
// is off during the batch, and the change chains are copied whole.
static class PostgresLoad
{
    public static Task BeginAsync(NpgsqlConnection c) => c.ExecuteAsync(
        """
        CREATE TEMP TABLE IF NOT EXISTS load_requests (
            id bigint, service_request_id text, token text, service_id bigint, status text, status_notes text, description text,
            agency_responsible text, requested_at bigint, updated_at bigint, expected_at bigint, address text, zipcode text,
            lat double precision, lon double precision, channel text, email text, phone text, first_name text, last_name text,
            version bigint, public_notes text)
        """);

    // Identities go on after the loaded ids; the planner learns the new sizes.
    public static async Task EndAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using (var t = await c.BeginTransactionAsync(ct))
        {
            await TableCopy.ResetIdentitiesAsync(c, t);
            await t.CommitAsync(ct);
        }
        await c.ExecuteAsync("DROP TABLE IF EXISTS load_requests");
        await c.ExecuteAsync("VACUUM ANALYZE requests, request_notes, request_attributes, request_changes", commandTimeout: 0);
    }

    public static async Task WriteAsync(NpgsqlConnection c, NpgsqlTransaction t, IReadOnlyList<RequestLoad> batch, CancellationToken ct)
    {
        await c.ExecuteAsync("TRUNCATE load_requests", transaction: t);
        await using (var copy = await c.BeginBinaryImportAsync(
            """
            COPY load_requests (id, service_request_id, token, service_id, status, status_notes, description, agency_responsible,
                requested_at, updated_at, expected_at, address, zipcode, lat, lon, channel, email, phone, first_name, last_name,
                version, public_notes) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var r in batch)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint, ct);
                await Text(copy, r.ServiceRequestId, ct);
                await Text(copy, r.Token, ct);
                await copy.WriteAsync(r.ServiceId, NpgsqlDbType.Bigint, ct);
                await Text(copy, r.Status, ct);
                await Text(copy, r.StatusNotes, ct);
                await Text(copy, r.Description, ct);
                await Text(copy, r.AgencyResponsible, ct);
                await copy.WriteAsync(r.RequestedAt, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(r.UpdatedAt, NpgsqlDbType.Bigint, ct);
                await Number(copy, r.ExpectedAt, ct);
                await Text(copy, r.Address, ct);
                await Text(copy, r.Zipcode, ct);
                await Real(copy, r.Lat, ct);
                await Real(copy, r.Lon, ct);
                await Text(copy, r.Channel, ct);
                await Text(copy, r.Email, ct);
                await Text(copy, r.Phone, ct);
                await Text(copy, r.FirstName, ct);
                await Text(copy, r.LastName, ct);
                await copy.WriteAsync(r.Version, NpgsqlDbType.Bigint, ct);
                // The public notes' text, in the order PostgresDialect's search document joins them.
                await Text(copy, string.Join(' ', r.Notes.Where(n => n.Public && n.Description is not null).Select(n => n.Description)), ct);
            }
            await copy.CompleteAsync(ct);
        }
        // The trigger would write each request's last change as its first: the chains are copied below instead.
        await c.ExecuteAsync("ALTER TABLE requests DISABLE TRIGGER USER", transaction: t);
        await c.ExecuteAsync(
            """
            INSERT INTO requests (id, service_request_id, token, service_id, status, status_notes, description, agency_responsible,
                requested_at, updated_at, expected_at, address, zipcode, lat, lon, channel, email, phone, first_name, last_name, version, search)
            SELECT l.id, l.service_request_id, l.token, l.service_id, l.status, l.status_notes, l.description, l.agency_responsible,
                l.requested_at, l.updated_at, l.expected_at, l.address, l.zipcode, l.lat, l.lon, l.channel, l.email, l.phone,
                l.first_name, l.last_name, l.version,
                to_tsvector('english', coalesce(l.description, '') || ' ' || coalesce(l.address, '') || ' ' || s.service_name || ' ' || l.public_notes)
            FROM load_requests l JOIN services s ON s.id = l.service_id
            """, transaction: t, commandTimeout: 0);
        await c.ExecuteAsync("ALTER TABLE requests ENABLE TRIGGER USER", transaction: t);

        await using (var copy = await c.BeginBinaryImportAsync("COPY request_attributes (request_id, code, position, value) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in batch)
                foreach (var a in r.Answers)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint, ct);
                    await Text(copy, a.Code, ct);
                    await copy.WriteAsync(a.Position, NpgsqlDbType.Integer, ct);
                    await Text(copy, a.Value, ct);
                }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await c.BeginBinaryImportAsync(
            "COPY request_notes (request_id, created_at, type, summary, description, public) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in batch)
                foreach (var n in r.Notes)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(n.CreatedAt, NpgsqlDbType.Bigint, ct);
                    await Text(copy, n.Type, ct);
                    await Text(copy, n.Summary, ct);
                    await Text(copy, n.Description, ct);
                    await copy.WriteAsync(n.Public, NpgsqlDbType.Boolean, ct);
                }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await c.BeginBinaryImportAsync("COPY request_changes (request_id, changed_at, prev_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in batch)
                foreach (var (at, prev) in r.ChangeChain())
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(at, NpgsqlDbType.Bigint, ct);
                    await Number(copy, prev, ct);
                }
            await copy.CompleteAsync(ct);
        }
    }

    static Task Text(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);

    static Task Number(NpgsqlBinaryImporter copy, long? value, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Bigint, ct) : copy.WriteNullAsync(ct);

    static Task Real(NpgsqlBinaryImporter copy, double? value, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Double, ct) : copy.WriteNullAsync(ct);
}
