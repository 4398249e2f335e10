namespace Open311.Tests;

// Creates requests through the API at chosen days after Open311App.Start, moving the fake clock forward.
static class Seeding
{
    public sealed record Seeded(string Id, string Token, int Day, string Code);

    public static async Task<List<Seeded>> SeedAsync(this Open311App app, HttpClient client, string key, params (double Day, string Description)[] requests)
    {
        var seeded = new List<Seeded>();
        foreach (var (day, description) in requests.OrderBy(r => r.Day))
        {
            var at = Open311App.Start.AddDays(day);
            if (at > app.Clock.GetUtcNow()) app.Clock.SetUtcNow(at);
            var (id, token) = await client.CreatePotholeAsync(key, ("description", description));
            seeded.Add(new Seeded(id, token, (int)day, "PWPOTHOL"));
        }
        return seeded;
    }

    public static List<string> Ids(this Reply reply) => reply.ContentType.StartsWith("application/json")
        ? reply.Json.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).ToList()
        : reply.Xml.Elements("request").Select(r => (string)r.Element("service_request_id")!).ToList();
}
