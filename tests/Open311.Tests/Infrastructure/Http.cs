using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Open311.Tests;

sealed record Reply(HttpStatusCode Status, string ContentType, string Body, HttpResponseMessage Message)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public XElement Xml => XDocument.Parse(Body).Root!;
    public string Header(string name) =>
        Message.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
        : Message.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : "";

    // The descriptions of an Open311 error list, in either format.
    public IReadOnlyList<string> Errors => ContentType.StartsWith("application/json")
        ? Json.EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToList()
        : Xml.Elements("error").Select(e => (string)e.Element("description")!).ToList();
}

static class Http
{
    public static async Task<Reply> ReplyAsync(this Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", body, response);
    }

    public static Task<Reply> FetchAsync(this HttpClient client, string url, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return client.SendAsync(request).ReplyAsync();
    }

    public static Task<Reply> PostFormAsync(this HttpClient client, string url, IEnumerable<(string, string)> fields, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))),
        };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return client.SendAsync(request).ReplyAsync();
    }

    public const string Json = "application/json; charset=utf-8";
    public const string Xml = "text/xml; charset=utf-8";

    public static readonly string[] Formats = ["json", "xml"];
}
