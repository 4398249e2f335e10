using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Open311;

// The OpenAPI document at /openapi/v1.json, complete enough to generate a client from: every public, staff and health
// route with every parameter it reads (the shared GeoReport parameters included: filters read them, not handlers),
// only the truly required ones required, the JSON schemas of answers and errors (the XML form in prose), every error
// status a route can answer, who may call it (security), and the headers (ETag, If-None-Match, If-Match, Link,
// Retry-After, RateLimit-*, Idempotency-Key). OpenApiTests reads it back with Microsoft.OpenApi's reader and checks
// each of these against the app's own endpoints.
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
        ["lat"] = "Latitude in decimal degrees (WGS 84), with long: the centre of a radius search, the point of a nearby lookup, or where a service is offered",
        ["long"] = "Longitude in decimal degrees (WGS 84), with lat",
        ["radius"] = "Metres around lat/long, more than 0 and at most 10000 (CONTRACT §10); order=distance sorts nearest first",
        ["bbox"] = "west,south,east,north in degrees, at most 1 degree a side: the requests inside the box",
        ["callback"] = "JSONP: a plain JavaScript identifier wrapping a JSON GET response",
    };

    public static IServiceCollection AddOpen311OpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        // A nullable field is an optional one: the create form needs service_code and little else (a place is one of
        // lat+long, address_string or address_id, checked by the handler), not all its fields.
        o.AddSchemaTransformer((schema, _, _) =>
        {
            if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
                foreach (var (name, property) in properties)
                    if (property.Type is { } type && type.HasFlag(JsonSchemaType.Null) || property.OneOf?.Any(s => s.Type == JsonSchemaType.Null) == true)
                        required.Remove(name);
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            Describe(operation, context.Description, context.Document);
            return Task.CompletedTask;
        });
        o.AddDocumentTransformer((document, _, _) =>
        {
            DescribeDocument(document);
            return Task.CompletedTask;
        });
    });

    static void DescribeDocument(OpenApiDocument document)
    {
        document.Info.Title = "Open311 GeoReport v2";
        document.Info.Description = "GeoReport v2 with the Austin 311 addendum, mySociety's servicerequestupdates and the staff API "
            + "(/api/v1). Every public resource takes a .json or .xml suffix (.geojson where listed) and answers in that format: "
            + "the schemas here are the JSON form; the XML form has the same fields as elements, a list under a plural root "
            + "(<services><service>..., <service_requests><request>...), errors as <errors><error><code/><description/></error></errors>. "
            + "Public errors are a list of {code, description}; the staff API's are problem details (RFC 9457). "
            + "Every counted answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; a 429 adds Retry-After.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = "api_key",
            Description = "api_key=KEY in the query (GeoReport v2); on the public POSTs also as a form field. Keys come from `keys create`",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Authorization: Bearer KEY (Austin addendum): the same keys as api_key; staff routes need a staff or admin key",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas["Error"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "code", "description" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status this error gives the answer" },
                ["description"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What was wrong, naming the parameter at fault" },
            },
        };
        document.Components.Schemas[ErrorList] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchemaReference("Error", document),
            Description = "GeoReport v2 errors; the answer's status is the most serious code",
        };
        document.Components.Schemas[HealthSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("healthy"), JsonValue.Create("degraded"), JsonValue.Create("unhealthy")] },
                ["checks"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "database, and redis when configured: each with its status and description",
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["status"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["description"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        },
                    },
                },
            },
        };
        // The create form's attributes (attribute[CODE]=value, attribute[CODE][]=v for a multivaluelist): names made of the
        // service definition's codes, so a pattern rather than properties.
        if (document.Components.Schemas.TryGetValue("CreateRequestForm", out var form) && form is OpenApiSchema create)
        {
            create.PatternProperties = new Dictionary<string, IOpenApiSchema>
            {
                [@"^attribute\[[^\]]+\](\[\])?$"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "An answer to the service definition's attribute CODE; a multivaluelist as attribute[CODE][]=v, repeated",
                },
            };
        }

        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (name, description) in Headers)
            document.Components.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

        // Health routes are health-check endpoints (no handler for the API explorer to read): described here.
        document.Paths ??= new OpenApiPaths();
        document.Paths["/healthz"] = HealthPath(document, "The process answers", "Liveness: 200 while the process runs; nothing is checked");
        document.Paths["/readyz"] = HealthPath(document, "Storage (and Redis, when configured) answer",
            "Readiness: 200 healthy or degraded (Redis unreachable: limits counted per instance), 503 when the storage does not answer within a second");
    }

    static OpenApiPathItem HealthPath(OpenApiDocument document, string summary, string description)
    {
        OpenApiResponse Health(string text) => new()
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(HealthSchema, document) } },
        };
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = summary.StartsWith("The process") ? "Healthz" : "Readyz",
                    Summary = summary,
                    Description = description + ". Not rate-limited; no key.",
                    Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
                    Security = [new OpenApiSecurityRequirement()],
                    Responses = new OpenApiResponses { ["200"] = Health("OK"), ["503"] = Health("Unhealthy") },
                },
            },
        };
    }

    const string ApiKeyScheme = "api_key";
    const string BearerScheme = "bearer";
    const string ErrorList = "Errors";
    const string HealthSchema = "Health";

    static readonly Dictionary<string, string> Headers = new()
    {
        ["ETag"] = "The answer's version (a hash of its body; on a staff request, its version): send it as If-None-Match for a 304, or as If-Match with a staff change",
        ["Link"] = "<URL>; rel=\"next\" when another page follows (Austin addendum); the URL never carries api_key",
        ["Retry-After"] = "Seconds until the caller's window ends and a call gets through",
        ["RateLimit-Limit"] = "Calls a minute this caller may make (its key's limit, or the anonymous one per address)",
        ["RateLimit-Remaining"] = "Calls left in this clock minute",
        ["RateLimit-Reset"] = "Seconds until the window ends",
        ["Idempotent-Replayed"] = "true when the answer is the first answer to the same Idempotency-Key and body, sent again",
    };

    static readonly string[] RateLimitHeaders = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    static readonly Dictionary<string, string> Reasons = new()
    {
        ["304"] = "Not modified: the ETag sent as If-None-Match still matches",
        ["400"] = "A parameter, field or body is missing or wrong; each error names it",
        ["403"] = "No key where one is needed, an unknown or revoked key, or a key without the role",
        ["404"] = "Not found (an unknown id, service code or format suffix, another jurisdiction)",
        ["409"] = "Conflict: the Idempotency-Key was used with another body, or the change conflicts with the stored state",
        ["412"] = "If-Match does not match: the request changed since it was read",
        ["413"] = "The body (or a photo) is over the size limit",
        ["415"] = "The body is not in a content type this operation takes",
        ["429"] = "Over the caller's rate limit; retry after Retry-After seconds",
        ["503"] = "The storage does not answer; try again shortly",
    };

    static void Describe(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, OpenApiDocument? document)
    {
        var path = "/" + (description.RelativePath ?? "");
        var method = description.HttpMethod ?? "GET";
        var get = method == "GET";
        var staff = path.StartsWith("/api/");
        var media = path.StartsWith("/open311/media/");
        var geoReport = path.StartsWith("/open311/") && !media;
        var hasBody = description.ParameterDescriptions.Any(p => p.Source.Id is "Body" or "Form" or "FormFile")
            || description.SupportedRequestFormats.Count > 0 || operation.RequestBody is not null;
        operation.Parameters ??= [];
        operation.Responses ??= new OpenApiResponses();

        if (geoReport)
        {
            Add(operation, "jurisdiction_id");
            if (get) Add(operation, "callback");
        }
        var geoJson = description.ActionDescriptor.EndpointMetadata.OfType<OffersGeoJson>().Any();
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.Name is { } name && Descriptions.TryGetValue(name, out var text)) parameter.Description ??= text;
            if (parameter.Name == "format" && parameter.Schema is OpenApiSchema schema)
                schema.Enum = geoJson
                    ? [JsonValue.Create("json"), JsonValue.Create("xml"), JsonValue.Create("geojson")]
                    : [JsonValue.Create("json"), JsonValue.Create("xml")];
        }

        // Who may call: GeoReport reads with or without a key (a key raises the limit), its POSTs and the updates feed with one,
        // staff routes with a staff or admin key, media with none.
        var needsKey = staff || geoReport && (method == "POST" || path.Contains("/servicerequestupdates"));
        operation.Security = [];
        if (!needsKey) operation.Security.Add(new OpenApiSecurityRequirement());
        if (!media)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] });
        }

        // Request headers.
        if (geoReport && get) AddHeader(operation, "If-None-Match", "An ETag from an earlier answer: 304 with no body while it still matches");
        var conditional = operation.Responses.ContainsKey("412");
        if (conditional) AddHeader(operation, "If-Match", "The ETag of the request as last read: 412 if it changed since");
        var idempotent = geoReport && method == "POST"; // both POSTs take Idempotency-Key (CONTRACT §11)
        if (idempotent) AddHeader(operation, "Idempotency-Key", "With a key: the same Idempotency-Key and body answer the first answer again (24 hours); another body is 409");

        // Answers: the success answer in each format, its headers, and every error status with its schema.
        foreach (var (status, response) in operation.Responses.ToList())
        {
            if (response is not OpenApiResponse answer || !status.StartsWith('2')) continue;
            answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (!media) foreach (var header in RateLimitHeaders) answer.Headers[header] = new OpenApiHeaderReference(header, document);
            if (get && !media || path == "/api/v1/requests/{id}" || conditional) answer.Headers["ETag"] = new OpenApiHeaderReference("ETag", document);
            if (get && (path.StartsWith("/open311/v2/requests.") || path == "/api/v1/requests")) answer.Headers["Link"] = new OpenApiHeaderReference("Link", document);
            if (idempotent) answer.Headers["Idempotent-Replayed"] = new OpenApiHeaderReference("Idempotent-Replayed", document);
            // A body the framework has no type for (a photo, a stored GeoJSON area): its content types, each with a schema.
            if (answer.Content is null or { Count: 0 })
            {
                answer.Content = new Dictionary<string, OpenApiMediaType>();
                foreach (var type in description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
                             .Where(m => m.StatusCode.ToString() == status).SelectMany(m => m.ContentTypes).Distinct())
                    answer.Content[type] = new OpenApiMediaType
                    {
                        Schema = type.StartsWith("image/")
                            ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The photo, without its metadata" }
                            : new OpenApiSchema { Type = JsonSchemaType.Object, Description = "A GeoJSON object (RFC 7946)" },
                    };
            }
            if (geoReport && answer.Content is { } content)
            {
                content["application/xml"] = new OpenApiMediaType();
                if (geoJson) content["application/geo+json"] = new OpenApiMediaType();
                if (get) content["application/javascript"] = new OpenApiMediaType();
            }
        }
        var errors = new List<string> { "403", "429", "503" };
        if (geoReport) errors.AddRange(["400", "404"]);
        if (media) errors = ["404", "429", "503"];
        if (staff && (description.ParameterDescriptions.Any(p => p.Source.Id == "Query") || hasBody)) errors.Add("400");
        if (staff && path.Contains('{')) errors.Add("404");
        if (hasBody) errors.AddRange(["413", "415"]);
        if (idempotent) errors.Add("409");
        if (geoReport && get) operation.Responses.TryAdd("304", new OpenApiResponse
        {
            Description = Reasons["304"],
            Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = new OpenApiHeaderReference("ETag", document) },
        });
        foreach (var status in errors.Concat(operation.Responses.Keys.Where(k => k[0] is '4' or '5')).Distinct().Order().ToList())
        {
            var answer = new OpenApiResponse
            {
                Description = Reasons.GetValueOrDefault(status, "Error"),
                Content = staff
                    ? new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(status == "400" ? "HttpValidationProblemDetails" : "ProblemDetails", document) },
                    }
                    : new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(ErrorList, document) },
                        ["application/xml"] = new(),
                    },
                Headers = new Dictionary<string, IOpenApiHeader>(),
            };
            if (status == "429")
            {
                answer.Headers["Retry-After"] = new OpenApiHeaderReference("Retry-After", document);
                foreach (var header in RateLimitHeaders) answer.Headers[header] = new OpenApiHeaderReference(header, document);
            }
            operation.Responses[status] = answer;
        }
    }

    static void AddHeader(OpenApiOperation operation, string name, string description)
    {
        if (operation.Parameters!.Any(p => p.Name == name)) return;
        operation.Parameters!.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

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
