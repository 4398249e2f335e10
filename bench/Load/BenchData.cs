using System.Text.Json;

namespace Open311.Bench.Load;

// What the scenarios need to know about the seeded data, asked of the running server itself.
sealed record BenchData(string RequestId, string Token, string SyncAfter, int SyncPages, int SyncDeepPage)
{
    public const string CreateBody = "service_code=PWPOTHOL&lat=30.2672&long=-97.7431&address_string=301+W+2nd+St%2C+Austin%2C+TX+78701"
        + "&attribute%5BPOTHSIZE%5D=large&description=Bench+pothole+";

    public static async Task<BenchData> ProbeAsync(Contender server, string key)
    {
        var client = server.Client;
        // One request from the middle of the recent ones.
        var page = JsonDocument.Parse(await client.GetStringAsync($"{server.BaseUrl}/open311/v2/requests.json?per_page=100&page=10")).RootElement;
        var requestId = page[50].GetProperty("service_request_id").GetString()!;

        // A token made with the bench's key, which resolves for that key alone.
        using var create = new HttpRequestMessage(HttpMethod.Post, $"{server.BaseUrl}/open311/v2/requests.json")
        {
            Content = new StringContent(CreateBody + "probe", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        create.Headers.Authorization = new("Bearer", key);
        var created = JsonDocument.Parse(await (await client.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        var token = created[0].GetProperty("token").GetString()!;

        // A sync pass over the last 89 days, and how many pages of 100 it has.
        var after = DateTimeOffset.UtcNow.AddDays(-89).ToString("yyyy-MM-ddT00:00:00Z");
        async Task<bool> HasPage(int n)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"{server.BaseUrl}{SyncTarget(after, n)}");
            get.Headers.Authorization = new("Bearer", key);
            return JsonDocument.Parse(await (await client.SendAsync(get)).Content.ReadAsStringAsync()).RootElement.GetArrayLength() > 0;
        }
        int low = 1, high = 2;
        while (await HasPage(high)) { low = high; high *= 2; }
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            if (await HasPage(middle)) low = middle; else high = middle;
        }
        return new BenchData(requestId, token, after, low, Math.Max(1, low * 9 / 10));
    }

    public static string SyncTarget(string after, int page) =>
        $"/open311/v2/requests.json?order=updated_datetime&updated_after={after}&per_page=100&page={page}";
}
