using System.Net.Http.Headers;
using System.Text;

namespace Open311.Tests;

// Calls to the staff API: JSON bodies, multipart photos, a bearer key and If-Match.
static class StaffHttp
{
    public static Task<Reply> StaffAsync(this HttpClient client, HttpMethod method, string url, string? key, string? json = null,
        string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (key is not null) request.Headers.Authorization = new("Bearer", key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return client.SendAsync(request).ReplyAsync();
    }

    public static Task<Reply> StaffGetAsync(this HttpClient client, string url, string? key) => client.StaffAsync(HttpMethod.Get, url, key);

    public static Task<Reply> PostPhotoAsync(this HttpClient client, string requestId, string? key, byte[] bytes, string fileName = "photo.jpg",
        bool isPublic = false, string? title = null, string? ifMatch = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(isPublic ? "true" : "false"), "public");
        if (title is not null) form.Add(new StringContent(title), "title");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/requests/{requestId}/photos") { Content = form };
        if (key is not null) request.Headers.Authorization = new("Bearer", key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request).ReplyAsync();
    }

    public static Task<Reply> AddNoteAsync(this HttpClient client, string requestId, string key, string description, bool isPublic,
        string? summary = null) =>
        client.StaffAsync(HttpMethod.Post, $"/api/v1/requests/{requestId}/notes", key,
            System.Text.Json.JsonSerializer.Serialize(new { description, summary, @public = isPublic }));

    // POST /requests.json as multipart, with photos as `media`.
    public static Task<Reply> PostRequestWithMediaAsync(this HttpClient client, IEnumerable<(string, string)> fields,
        params (byte[] Bytes, string FileName)[] media)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        foreach (var (bytes, fileName) in media)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "media", fileName);
        }
        return client.PostAsync("/open311/v2/requests.json", form).ReplyAsync();
    }

    public static bool IsProblem(this Reply reply) => reply.ContentType.StartsWith("application/problem+json");
}
