using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Open311;

// `storage check [--fix]`: stored text that breaks TextRules (written before the rule, or by hand). Every text
// column of the tables a client or staff can write is read; each value that breaks the rule is reported by table,
// row and column, with the character and where it is, never the value itself (some columns are personal).
// With --fix each refused character becomes U+FFFD (what XML already shows), one audit row per changed row.
static class StoredText
{
    // A table, the columns that name a row, its text columns, and what the audit trail calls it.
    sealed record Checked(string Table, string[] Keys, string[] Texts, string Entity, string? RequestColumn);

    static readonly Checked[] Tables =
    [
        new("services", ["id"], ["service_code", "service_name", "description", "keywords", "group_name", "notice", "area"], "service", null),
        new("service_attributes", ["id"], ["code", "datatype_description", "description"], "service attribute", null),
        new("service_attribute_values", ["attribute_id", "key"], ["key", "name"], "service attribute value", null),
        new("requests", ["id"], ["service_request_id", "status_notes", "description", "agency_responsible", "service_notice",
            "address", "address_id", "zipcode", "media_url", "channel", "email", "phone", "first_name", "last_name",
            "device_id", "account_id"], "request", "id"),
        new("request_attributes", ["request_id", "code", "position"], ["code", "value"], "request attribute", "request_id"),
        new("request_notes", ["id"], ["summary", "description"], "note", "request_id"),
        new("request_photos", ["id"], ["title"], "photo", "request_id"),
        new("api_keys", ["id"], ["name"], "key", null),
    ];

    public sealed record Finding(string Table, string Row, string Column, string Problem);

    public static async Task<List<Finding>> CheckAsync(Database db, TextWriter output, bool fix, TimeProvider clock, CancellationToken ct)
    {
        var found = new List<Finding>();
        foreach (var table in Tables)
        {
            var bad = await BadRowsAsync(db, table, ct);
            foreach (var (keys, _, columns) in bad)
                foreach (var (column, value) in columns)
                {
                    var i = TextRules.FirstForbidden(value);
                    var finding = new Finding(table.Table, string.Join("/", keys.Values), column,
                        $"{TextRules.Name(value[i])} at character {i + 1} of {value.Length}");
                    found.Add(finding);
                    output.WriteLine($"{finding.Table} {finding.Row} {finding.Column}: {finding.Problem}");
                }
            if (fix && bad.Count > 0) await RepairAsync(db, table, bad, clock, ct);
        }
        output.WriteLine(found.Count == 0 ? "All stored text follows the rule."
            : fix ? $"{found.Count} value(s) repaired: each refused character is now U+FFFD (audited)."
            : $"{found.Count} value(s) break the rule; `storage check --fix` replaces each refused character with U+FFFD.");
        return found;
    }

    static async Task<List<(Dictionary<string, object> Keys, long? RequestId, List<(string Column, string Value)> Columns)>> BadRowsAsync(
        Database db, Checked table, CancellationToken ct)
    {
        var bad = new List<(Dictionary<string, object>, long?, List<(string, string)>)>();
        await using var connection = await db.OpenAsync(ct);
        var request = table.RequestColumn is { } r ? $", {r} AS request_ref" : "";
        var select = $"SELECT {string.Join(", ", table.Keys.Select((k, i) => $"{k} AS k{i}"))}{request}, "
            + $"{string.Join(", ", table.Texts.Select((c, i) => $"{c} AS t{i}"))} FROM {table.Table}";
        foreach (IDictionary<string, object?> row in await connection.QueryAsync(new CommandDefinition(select, cancellationToken: ct)))
        {
            var columns = new List<(string, string)>();
            for (var i = 0; i < table.Texts.Length; i++)
                if (row[$"t{i}"] is string text && !TextRules.IsAllowed(text)) columns.Add((table.Texts[i], text));
            if (columns.Count == 0) continue;
            var keys = table.Keys.Select((k, i) => (k, row[$"k{i}"]!)).ToDictionary(p => p.k, p => p.Item2);
            long? requestId = table.RequestColumn is null ? null : Convert.ToInt64(row["request_ref"], CultureInfo.InvariantCulture);
            bad.Add((keys, requestId, columns));
        }
        return bad;
    }

    static Task RepairAsync(Database db, Checked table, List<(Dictionary<string, object> Keys, long? RequestId, List<(string Column, string Value)> Columns)> rows,
        TimeProvider clock, CancellationToken ct) => db.WriteAsync(async (c, t) =>
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (keys, requestId, columns) in rows)
        {
            var repaired = columns.Select(col => (col.Column, TextRules.ForXml(col.Value))).ToList();
            // A request's rows are Casework's: the request moves, as after any change.
            if (requestId is { } id) await TextRepairs.RepairAsync(c, t, db.Dialect, table.Table, keys, id, repaired, now);
            else
            {
                var args = new DynamicParameters();
                foreach (var (k, v) in keys) args.Add("key_" + k, v);
                for (var i = 0; i < repaired.Count; i++) args.Add($"v{i}", repaired[i].Item2);
                var set = string.Join(", ", repaired.Select((col, i) => $"{col.Column} = @v{i}"));
                var where = string.Join(" AND ", keys.Keys.Select(k => $"{k} = @key_{k}"));
                await c.ExecuteAsync($"UPDATE {table.Table} SET {set} WHERE {where}", args, t);
            }
            await AuditTrail.WriteAsync(c, t, now, Actor.Command, table.Entity, string.Join("/", keys.Values), "text repaired",
                new { fields = columns.Select(col => col.Column).ToArray() }, requestId);
        }
        if (table.Table.StartsWith("service", StringComparison.Ordinal)) await CatalogStore.MoveChangesetAsync(c, t, now);
    }, ct);
}
