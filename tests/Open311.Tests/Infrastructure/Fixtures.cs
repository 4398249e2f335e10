namespace Open311.Tests;

// Requests that pass every rule of the demo catalog, to vary from.
static class Fixtures
{
    public static List<(string, string)> Pothole(string key, params (string, string)[] more)
    {
        var fields = new List<(string, string)>
        {
            ("api_key", key),
            ("service_code", "PWPOTHOL"),
            ("lat", "30.2672"),
            ("long", "-97.7431"),
            ("address_string", "301 W 2nd St, Austin, TX 78701"),
            ("description", "Deep pothole in the right lane"),
            ("attribute[POTHSIZE]", "large"),
        };
        foreach (var (name, value) in more)
        {
            fields.RemoveAll(f => f.Item1 == name);
            fields.Add((name, value));
        }
        return fields;
    }

    public static async Task<(string Id, string Token)> CreatePotholeAsync(this HttpClient client, string key, params (string, string)[] more)
    {
        var reply = await client.PostFormAsync("/open311/v2/requests.json", Pothole(key, more));
        Assert.Equal(System.Net.HttpStatusCode.OK, reply.Status);
        var created = reply.Json[0];
        return (created.GetProperty("service_request_id").GetString()!, created.GetProperty("token").GetString()!);
    }
}
