using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Open311;

// The OpenAPI document at /openapi/v1.json: every public endpoint with every parameter it reads,
// the shared GeoReport parameters included (they are read by filters, not bound by handlers).
static class OpenApiSetup
{
    static readonly Dictionary<string, string> Descriptions = new()
    {
        ["format"] = "json or xml: the same fields in either format (geojson too where listed: an RFC 7946 FeatureCollection)",
        ["service_code"] = "A service code (comma list on search)",
        ["service_request_id"] = "A request id such as 26-00012345 (comma list on search; overrides every other filter)",
        ["token"] = "The token returned when the request was created",
        ["status"] = "open, closed, or both as a comma list",
        ["start_date"] = "Earliest requested_datetime (ISO 8601); a pair spans at most 90 days",
        ["end_date"] = "Latest requested_datetime (ISO 8601); a bare date includes that whole day",
        ["updated_after"] = "Earliest updated_datetime (Austin addendum); a pair spans at most 90 days",
        ["updated_before"] = "Latest updated_datetime (Austin addendum)",
        ["q"] = "Full-text search over description, address, service name and public notes (Austin addendum)",
        ["per_page"] = "Results per page, default 50; more than 100 is served as 100 (Austin addendum)",
        ["page_size"] = "Another name for per_page (Chicago)",
        ["page"] = "Page number from 1; past the end gives an empty list",
        ["order"] = "requested_datetime (newest first, the default), updated_datetime (oldest update first, for sync) or distance (nearest first, with lat, long and radius)",
        ["extensions"] = "true adds the Austin addendum's extension fields",
        ["jurisdiction_id"] = "Optional; only the configured jurisdiction is served (others are 404)",
        ["api_key"] = "An API key; also accepted as Authorization: Bearer KEY or in a form body",
        ["lat"] = "Latitude in decimal degrees (WGS 84), with long: the centre of a radius search, the point of a nearby lookup, or where a service is offered",
        ["long"] = "Longitude in decimal degrees (WGS 84), with lat",
        ["radius"] = "Metres around lat/long, more than 0 and at most 10000 (CONTRACT §10); order=distance sorts nearest first",
        ["bbox"] = "west,south,east,north in degrees, at most 1 degree a side: the requests inside the box",
        ["callback"] = "JSONP: a plain JavaScript identifier wrapping a JSON GET response",
    };

    public static IServiceCollection AddOpen311OpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Open311 GeoReport v2";
            document.Info.Description = "GeoReport v2 with the Austin 311 addendum. Every public resource takes a .json or .xml suffix; "
                + "errors come as the spec's list in the same format.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Authorization: Bearer API_KEY (Austin addendum); api_key in the query or form works too",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var path = "/" + (context.Description.RelativePath ?? "");
            if (!path.StartsWith("/open311/")) return Task.CompletedTask;
            operation.Parameters ??= [];
            Add(operation, "jurisdiction_id");
            Add(operation, "api_key");
            if (context.Description.HttpMethod == "GET") Add(operation, "callback");
            var geoJson = context.Description.ActionDescriptor.EndpointMetadata.OfType<OffersGeoJson>().Any();
            foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
            {
                if (parameter.Name is { } name && Descriptions.TryGetValue(name, out var text)) parameter.Description ??= text;
                if (parameter.Name == "format" && parameter.Schema is OpenApiSchema schema)
                    schema.Enum = geoJson
                        ? [JsonValue.Create("json"), JsonValue.Create("xml"), JsonValue.Create("geojson")]
                        : [JsonValue.Create("json"), JsonValue.Create("xml")];
            }
            return Task.CompletedTask;
        });
    });

    static void Add(OpenApiOperation operation, string name)
    {
        if (operation.Parameters!.Any(p => p.Name == name)) return;
        operation.Parameters!.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Query,
            Required = false,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }
}
