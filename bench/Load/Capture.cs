using System.Text.Json;

namespace Open311.Bench.Load;

// Each scenario's answer from the real server, status, headers and body bytes, for the limit to replay.
static class Capture
{
    static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "Date", "Server", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive" };

    public sealed record Answer(string Method, string Target, bool Gzip, int Status, Dictionary<string, string> Headers, byte[] Body);

    public static async Task<string> WriteAsync(Contender server, IReadOnlyList<Scenario> scenarios, string key, string file)
    {
        var answers = new List<Answer>();
        foreach (var scenario in scenarios)
        {
            using var response = await server.Client.SendAsync(Request(server.BaseUrl, scenario, key, "capture"));
            var headers = response.Headers.Concat(response.Content.Headers)
                .Where(h => !Skipped.Contains(h.Key))
                .ToDictionary(h => h.Key, h => string.Join(", ", h.Value));
            var body = await response.Content.ReadAsByteArrayAsync();
            if ((int)response.StatusCode != 200)
                throw new InvalidOperationException($"{scenario.Name}: the server answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
            answers.Add(new Answer(scenario.Method, scenario.Target,
                scenario.Headers.GetValueOrDefault("Accept-Encoding", "").Contains("gzip"), (int)response.StatusCode, headers, body));
        }
        await File.WriteAllBytesAsync(file, JsonSerializer.SerializeToUtf8Bytes(answers, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return file;
    }

    public static HttpRequestMessage Request(string baseUrl, Scenario scenario, string key, string suffix)
    {
        var request = new HttpRequestMessage(new HttpMethod(scenario.Method), baseUrl + scenario.Target);
        if (scenario.WithKey) request.Headers.Authorization = new("Bearer", key);
        foreach (var (name, value) in scenario.Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (scenario.Body is { } body)
            request.Content = new StringContent(body + suffix, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        return request;
    }
}
