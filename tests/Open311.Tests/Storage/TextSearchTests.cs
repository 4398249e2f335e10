using System.Net;

namespace Open311.Tests;

// q over description, address, service name and public notes (CONTRACT §5), in web search syntax, on every engine.
public class TextSearchTests
{
    static async Task<List<string>> SearchAsync(HttpClient client, string q)
    {
        var reply = await client.FetchAsync($"/open311/v2/requests.json?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json.EnumerateArray().Select(r => r.GetProperty("description").GetString()!).Order().ToList();
    }

    [Fact]
    public async Task SearchTakesWordsPhrasesOrAndExclusions()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        await client.CreatePotholeAsync(key, ("description", "Deep potholes near the school"));
        await client.CreatePotholeAsync(key, ("description", "Hole filled with water"));
        await client.CreatePotholeAsync(key, ("description", "Broken curb near school"), ("address_string", "12 Water St"));

        Assert.Equal(["Deep potholes near the school"], await SearchAsync(client, "deep pothole"));
        Assert.Equal(["Broken curb near school", "Deep potholes near the school"], await SearchAsync(client, "school -filled"));
        Assert.Equal(["Deep potholes near the school"], await SearchAsync(client, "\"near the school\""));
        Assert.Equal(["Deep potholes near the school", "Hole filled with water"], await SearchAsync(client, "filled or deep"));
        Assert.Equal(["Broken curb near school", "Hole filled with water"], await SearchAsync(client, "water"));
        Assert.Empty(await SearchAsync(client, "\"school near\""));
        // The service name is searched too, and FTS5 or tsquery operators in q are only words.
        Assert.Equal(3, (await SearchAsync(client, "pothole repair")).Count);
        Assert.Equal(["Deep potholes near the school"], await SearchAsync(client, "deep & !(NEAR*"));
    }
}
