using Dapper;

namespace Open311;

// The first step of a search: the query that lists the ids of the requests a filter selects, in its order.
// One fixed fragment per filter (FixMyStreet's %rules); every value is a parameter.
static class SearchKeys
{
    public static KeyQuery For(RequestFilter f, IReadOnlyCollection<long>? serviceIds, bool withText, Dialect dialect)
    {
        var where = new List<string>();
        var args = new DynamicParameters();
        if (f.Ids is not null) { where.Add(dialect.AnyOf("r.service_request_id", "ids")); args.Add("ids", f.Ids.ToArray()); }
        if (serviceIds is not null) { where.Add(dialect.AnyOf("r.service_id", "serviceIds")); args.Add("serviceIds", serviceIds.ToArray()); }
        if (f.Statuses is not null) { where.Add(dialect.AnyOf("r.status", "statuses")); args.Add("statuses", f.Statuses.ToArray()); }
        if (f.RequestedFrom is not null) { where.Add("r.requested_at >= @requestedFrom"); args.Add("requestedFrom", f.RequestedFrom); }
        if (f.RequestedTo is not null) { where.Add("r.requested_at <= @requestedTo"); args.Add("requestedTo", f.RequestedTo); }
        args.Add("changedFrom", f.UpdatedFrom);

        if (f.UpdatedFrom is null)
        {
            // Ties are broken by id so that pages never overlap or skip (CONTRACT §5).
            return f.Order == SearchOrder.Updated
                ? new KeyQuery("r.id, r.updated_at AS at", "requests r", where, "r.updated_at, r.id", args)
                : new KeyQuery("r.id, r.requested_at AS at", "requests r", where, "r.requested_at DESC, r.id DESC", args);
        }

        // Austin addendum: requests "updated in the provided date range", i.e. with a change inside it.
        // Each such request has exactly one change c that is its first at or after updated_after.
        // changedFrom is updatedFrom, or a sync page's bookmark: the one lower bound the index range starts at.
        args.Add("updatedFrom", f.UpdatedFrom);
        args.Add("updatedTo", f.UpdatedTo);
        const string firstChange = "c.changed_at >= @changedFrom AND c.changed_at <= @updatedTo AND (c.prev_at IS NULL OR c.prev_at < @updatedFrom)";
        if (f.IsSync)
        {
            // Sync order: by that first change, which later updates don't move (pages never skip or repeat).
            // The change log's own index orders it; requests are joined only when another filter needs them.
            var from = where.Count > 0 || withText ? "request_changes c JOIN requests r ON r.id = c.request_id" : "request_changes c";
            return new KeyQuery("c.request_id AS id, c.changed_at AS at", from, [.. where, firstChange], "c.changed_at, c.request_id", args);
        }
        where.Add($"EXISTS (SELECT 1 FROM request_changes c WHERE c.request_id = r.id AND {firstChange})");
        return new KeyQuery("r.id, r.requested_at AS at", "requests r", where, "r.requested_at DESC, r.id DESC", args);
    }
}
