using System.Text.Json;
using Open311.Bench.Limit;

// The limit: the least a server can do for each scenario on this machine. Kestrel answers every call
// from memory with the status, headers and body bytes the real server sent for it (Captured.json,
// written by the load runner at the start of its run). No routing, no logging, no storage.
var answers = CapturedAnswer.Load(args[0]);
var builder = WebApplication.CreateSlimBuilder(args[1..]);
builder.Logging.ClearProviders();
var app = builder.Build();
app.Run(async context =>
{
    var request = context.Request;
    if (!answers.TryGetValue(CapturedAnswer.KeyOf(request.Method, request.Path + request.QueryString, request.Headers.AcceptEncoding.ToString().Contains("gzip")), out var answer))
    {
        context.Response.StatusCode = 404;
        return;
    }
    if (request.ContentLength > 0) await request.BodyReader.CopyToAsync(Stream.Null); // a POST's form, read as the server reads it
    var response = context.Response;
    response.StatusCode = answer.Status;
    foreach (var (name, value) in answer.Headers) response.Headers[name] = value;
    response.ContentLength = answer.Body.Length;
    await response.Body.WriteAsync(answer.Body);
});
app.Run();

namespace Open311.Bench.Limit
{
    // One captured response. A POST is answered whatever its body; a GET by its path and query, and
    // whether the client takes gzip.
    sealed record CapturedAnswer(string Method, string Target, bool Gzip, int Status, Dictionary<string, string> Headers, byte[] Body)
    {
        public static string KeyOf(string method, string target, bool gzip) =>
            (method == "POST" ? $"POST {target.Split('?')[0]}" : $"{method} {target}") + (gzip ? " gzip" : "");

        public static Dictionary<string, CapturedAnswer> Load(string path) =>
            JsonSerializer.Deserialize<List<CapturedAnswer>>(File.ReadAllBytes(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))!
                .ToDictionary(a => KeyOf(a.Method, a.Target, a.Gzip));
    }
}
