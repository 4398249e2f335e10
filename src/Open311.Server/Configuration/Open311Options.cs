using System.ComponentModel.DataAnnotations;

namespace Open311;

// Bound from the "Open311" configuration section (environment: Open311__Name).
sealed class Open311Options
{
    // CONTRACT §1: when set, jurisdiction_id must equal it; any other value is 404.
    public string? JurisdictionId { get; set; }

    // IANA or Windows zone id for datetimes without an offset and for output; UTC when empty.
    public string? TimeZone { get; set; }

    public string Contact { get; set; } = "Contact the city's 311 team through its website.";
    public string KeyService { get; set; } = "Ask the city's 311 team for an API key; staff issue keys with `Open311.Server keys create`.";

    // Issue 28: the city's days off besides weekends, a comma list of YYYY-MM-DD, and its working hours ("08:00-17:00"):
    // the calendar in which due dates are counted (DueDates/).
    public string? Holidays { get; set; }
    public string WorkingHours { get; set; } = "08:00-17:00";

    // The public base URL (https://311.example.gov) used in discovery and photo links; the request's own host when empty.
    public string? PublicUrl { get; set; }

    public bool DemoCatalog { get; set; } = true;

    // CONTRACT §4: "A valid api_key is required (configurable)".
    public bool RequireKeyToCreate { get; set; } = true;

    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 30 * 1024 * 1024;

    public BoundsOptions? Bounds { get; set; }

    // CONTRACT §10: a GeoJSON file of the jurisdiction's area (a Polygon or MultiPolygon); new requests must lie inside.
    public string? Boundary { get; set; }

    // host:port of a Redis shared by every instance; rate limits are counted there when it is set.
    public string? Redis { get; set; }

    // Prefix of every Redis key, so that several deployments can share one Redis.
    public string RedisPrefix { get; set; } = "open311:";
}

// The jurisdiction's bounding box; a created request's lat/long must fall inside it.
sealed class BoundsOptions
{
    [Range(-90, 90)] public double South { get; set; } = -90;
    [Range(-90, 90)] public double North { get; set; } = 90;
    [Range(-180, 180)] public double West { get; set; } = -180;
    [Range(-180, 180)] public double East { get; set; } = 180;

    public bool Contains(double lat, double lon) => lat >= South && lat <= North && lon >= West && lon <= East;
}
