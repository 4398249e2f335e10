using Microsoft.Extensions.Options;

namespace Open311;

// The rules every GeoReport call shares, applied once on the route group: the format suffix,
// jurisdiction_id and the JSONP callback. (Query text that is not UTF-8, or that XML can't carry, is refused
// before, for every API: Hosting/RequestText.)
sealed class GeoReportFilter(IOptions<Open311Options> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var suffix = http.GetRouteValue("format") as string;
        if (WireFormats.Parse(suffix) is not { } format)
            return Wire.Error(WireFormat.Xml, Open311Error.NotFound("format", $"'{Lists.Clip(suffix ?? "")}' is not offered: use .json or .xml"));
        if (format == WireFormat.GeoJson && http.GetEndpoint()?.Metadata.GetMetadata<OffersGeoJson>() is null)
            return Wire.Error(WireFormat.Json, Open311Error.NotFound("format", "'geojson' is offered for requests only: use .json or .xml here"));

        var errors = new List<Open311Error>();
        var callback = http.Request.Query["callback"].ToString();
        if (callback.Length > 0 && !Wire.IsValidCallback(callback))
            errors.Add(Open311Error.BadRequest("callback", "must be a plain JavaScript identifier"));
        if (errors.Count > 0) return Wire.Errors(format, errors);

        // CONTRACT §1: jurisdiction_id is optional; the configured id is accepted, any other is 404.
        var jurisdiction = http.Request.Query["jurisdiction_id"].ToString();
        if (jurisdiction.Length == 0 && FormBody.IsForm(http.Request))
            jurisdiction = (await FormBody.ReadAsync(http)).Form?["jurisdiction_id"].ToString() ?? "";
        var expected = options.Value.JurisdictionId;
        if (jurisdiction.Length > 0 && !string.IsNullOrEmpty(expected) && jurisdiction != expected)
            return Wire.Error(format, Open311Error.NotFound("jurisdiction_id", $"'{Lists.Clip(jurisdiction)}' is not served here"));

        return await next(context);
    }
}

static class WireFormatExtensions
{
    // The route's {format}, already checked by GeoReportFilter.
    public static WireFormat AsWire(this string format) => WireFormats.Parse(format) ?? WireFormat.Xml;
}
