using Dapper;

namespace Open311;

// The first step of a search: the query that lists the ids of the requests a filter selects, in its order.
// One fixed fragment per filter (FixMyStreet's %rules); every value is a parameter.
static class SearchKeys
{
    // placeIndex: find a place's requests through the spatial index (few of them), rather than walk the list in
    // its order and keep those in the place (many); both give the same rows (RequestQueries decides).
    public static KeyQuery For(RequestFilter f, IReadOnlyCollection<long>? serviceIds, bool withText, Dialect dialect, bool placeIndex = false)
    {
        var where = new List<string>();
        var args = new DynamicParameters();
        if (f.Ids is not null) { where.Add(dialect.AnyOf("r.service_request_id", "ids")); args.Add("ids", f.Ids.ToArray()); }
        if (serviceIds is not null) { where.Add(dialect.AnyOf("r.service_id", "serviceIds")); args.Add("serviceIds", serviceIds.ToArray()); }
        if (f.Statuses is not null) { where.Add(dialect.AnyOf("r.status", "statuses")); args.Add("statuses", f.Statuses.ToArray()); }
        if (f.StatusDetails is not null) { where.Add(dialect.AnyOf("r.status_detail", "statusDetails")); args.Add("statusDetails", f.StatusDetails.ToArray()); }
        if (f.RequestedFrom is not null) { where.Add("r.requested_at >= @requestedFrom"); args.Add("requestedFrom", f.RequestedFrom); }
        if (f.RequestedTo is not null) { where.Add("r.requested_at <= @requestedTo"); args.Add("requestedTo", f.RequestedTo); }
        if (f.HasPlace) Place(f, where, args, dialect, placeIndex);
        if (f.WithCoordinates) where.Add("r.lat IS NOT NULL AND r.lon IS NOT NULL");
        args.Add("changedFrom", f.UpdatedFrom);

        // Ties are broken by id so that pages never overlap or skip (CONTRACT §5); nearest first likewise (§10).
        var order = f.Order == SearchOrder.Distance ? $"{Earth.MetresSql("near")}, r.id" : "r.requested_at DESC, r.id DESC";
        if (f.UpdatedFrom is null)
        {
            return f.Order == SearchOrder.Updated
                ? new KeyQuery("r.id, r.updated_at AS at", "requests r", where, "r.updated_at, r.id", args)
                : new KeyQuery("r.id, r.requested_at AS at", "requests r", where, order, args);
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
        return new KeyQuery("r.id, r.requested_at AS at", "requests r", where, order, args);
    }

    // CONTRACT §10: in the bbox, within radius metres of lat/long, or both. The box is checked on the columns
    // themselves (the index may round), the circle by its distance; the index, when used, only narrows.
    static void Place(RequestFilter f, List<string> where, DynamicParameters args, Dialect dialect, bool placeIndex)
    {
        if (f.Near is { } near)
        {
            Centre(args, "near", near);
            args.Add("nearMetres", near.Metres);
        }
        else if (f.Order == SearchOrder.Distance) throw new InvalidOperationException("order=distance without lat/long");
        if (f.PlaceBox is not { } box)
        {
            where.Add("1 = 0"); // the bbox and the circle don't meet
            return;
        }
        where.Add("r.lat >= @south AND r.lat <= @north AND r.lon >= @west AND r.lon <= @east");
        Box(args, box);
        if (placeIndex) where.Add(dialect.PlaceMatch());
        if (f.Near is not null) where.Add($"{Earth.MetresSql("near")} <= @nearMetres");
    }

    public static void Box(DynamicParameters args, GeoBox box)
    {
        args.Add("south", box.South);
        args.Add("west", box.West);
        args.Add("north", box.North);
        args.Add("east", box.East);
    }

    // The parameters of Earth.MetresSql(p).
    static void Centre(DynamicParameters args, string p, GeoCircle c)
    {
        args.Add(p + "LatR", Earth.Radians(c.Lat));
        args.Add(p + "LonR", Earth.Radians(c.Lon));
        args.Add(p + "CosLat", Math.Cos(Earth.Radians(c.Lat)));
    }
}
