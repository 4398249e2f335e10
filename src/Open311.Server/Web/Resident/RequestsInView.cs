namespace Open311;

// The resident site's place searches, through the places API's own query (RequestQueries with a circle or a
// box, CONTRACT §10): the open requests of a service near a point ("already reported?") and the recent
// requests in a map's view. The pages only see the rows.
sealed class RequestsInView(RequestQueries requests, TimeProvider time)
{
    // The map's view as its URL carries it: bbox=west,south,east,north, as the API takes it.
    public sealed record Box(double West, double South, double East, double North)
    {
        public static Box Around(double lat, double lon, double metres) => From(new GeoCircle(lat, lon, metres).Box());

        // The API's rules (Coordinates.Box): four numbers, ordered, at most 1° a side; null for anything else.
        public static Box? Parse(string? text)
        {
            var bad = false;
            return Coordinates.Box(text, (_, _) => bad = true) is { } box && !bad ? From(box) : null;
        }

        public GeoBox ToGeoBox() => new(South, West, North, East);

        static Box From(GeoBox b) => new(b.West, b.South, b.East, b.North);

        public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{West},{South},{East},{North}");
    }

    // Open requests of the service within `metres` of the point, requested in the last `days`, nearest first, at most 10:
    // the query of GET requests/nearby.
    public async Task<IReadOnlyList<RequestRow>> NearbyAsync(ServiceEntry service, double lat, double lon, int metres, int days, CancellationToken ct)
    {
        var filter = Recent(days) with
        {
            ServiceCodes = [service.Service.ServiceCode],
            Statuses = ["open"],
            Near = new GeoCircle(lat, lon, metres),
            Order = SearchOrder.Distance,
            PerPage = NearbyApi.Most,
        };
        return await requests.SearchAsync(filter, [service.Service.Id], lookAhead: 0, ct);
    }

    // Requests inside the box, requested in the last `days`, newest first, at most `limit`: a bbox search.
    public async Task<IReadOnlyList<RequestRow>> InBoxAsync(Box box, ServiceEntry? service, string? status, int days, int limit,
        CancellationToken ct)
    {
        var filter = Recent(days) with
        {
            ServiceCodes = service is null ? null : [service.Service.ServiceCode],
            Statuses = status is null ? null : [status],
            Box = box.ToGeoBox(),
            WithCoordinates = true,
            PerPage = limit,
        };
        return await requests.SearchAsync(filter, service is null ? null : [service.Service.Id], lookAhead: 0, ct);
    }

    RequestFilter Recent(int days)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return new RequestFilter { RequestedFrom = now - days * 86_400_000L, RequestedTo = now };
    }
}
