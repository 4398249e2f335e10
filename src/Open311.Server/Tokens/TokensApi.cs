namespace Open311;

static class TokensApi
{
    public static void MapTokens(this IEndpointRouteBuilder v2) =>
        v2.MapGet("/tokens/{token}.{format}", GetToken).WithName("GetToken").Produces<List<TokenWire>>()
            .WithSummary("Request id from a token")
            .WithDescription("Austin addendum: send the api_key the request was created with; any other key gets 404, as for an unknown token.");

    public static async Task<IResult> GetToken(string format, string token, HttpContext http, RequestQueries requests, CancellationToken ct)
    {
        var wire = format.AsWire();
        var row = await requests.FindByTokenAsync(token, ct);
        if (row is null || !CanSee(row, http.Caller()))
            return Wire.Error(wire, Open311Error.NotFound("token", "was not found"));
        return Wire.List(wire, "service_requests", new List<TokenWire> { new(row.ServiceRequestId, row.Token) });
    }

    // CONTRACT §7: a token created with a key resolves only for that key or a staff key.
    public static bool CanSee(RequestRow row, Caller caller) =>
        row.ApiKeyId is null || caller.IsStaff || caller.Key?.Id == row.ApiKeyId;
}
