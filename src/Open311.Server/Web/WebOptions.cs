using System.ComponentModel.DataAnnotations;

namespace Open311;

// Open311:Web (environment: Open311__Web__SiteName, Open311__Web__ReportsPerHour).
sealed class WebOptions
{
    // The name the pages carry in their title and header.
    [Required, MaxLength(100)] public string SiteName { get; set; } = "City 311";

    // Reports one client address may send through the resident site in a clock hour.
    [Range(1, 100_000)] public int ReportsPerHour { get; set; } = 10;
}

// Open311:Map (environment: Open311__Map__TileUrl, ...): the maps of the web pages.
sealed class MapOptions
{
    // A Leaflet tile URL template. OpenStreetMap's public tiles by default: their usage policy asks for the
    // attribution below, a valid Referer and modest use; a city with real traffic runs or buys its own tiles.
    // Empty: no tiles at all; the maps still show the jurisdiction's bounds and the reports.
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    public string TileAttribution { get; set; } = "© OpenStreetMap contributors";

    // Where the maps open when the jurisdiction has no bounds (Open311:Bounds); the demo catalog's city by default.
    [Range(-90, 90)] public double Latitude { get; set; } = 30.2672;
    [Range(-180, 180)] public double Longitude { get; set; } = -97.7431;
    [Range(1, 19)] public int Zoom { get; set; } = 13;

    // "Already reported?": open requests of the same service this close, of the last NearbyDays.
    [Range(1, 10_000)] public int NearbyMetres { get; set; } = 50;
    [Range(1, 365)] public int NearbyDays { get; set; } = 30;

    // The origin the tiles come from, which the pages' Content-Security-Policy allows images from.
    public string? TileOrigin => Uri.TryCreate(TileUrl.Replace("{s}", "a").Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0"),
        UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : null;
}
