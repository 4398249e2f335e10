namespace Open311;

// One entry of the GeoReport v2 error list: [{"code":400,"description":"..."}].
sealed record Open311Error(int Code, string Description)
{
    public static Open311Error BadRequest(string parameter, string problem) => new(400, $"{parameter} {problem}");
    public static Open311Error NotFound(string parameter, string problem) => new(404, $"{parameter} {problem}");
    public static Open311Error Forbidden(string description) => new(403, description);
}
