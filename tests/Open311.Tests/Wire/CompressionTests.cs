using System.IO.Compression;
using System.Net;

namespace Open311.Tests;

// The public API compresses what a client says it takes (Accept-Encoding), and nothing for one that says nothing.
public class CompressionTests
{
    static async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(HttpClient client, string url, string? acceptEncoding,
        string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    static byte[] Decode(string encoding, byte[] body)
    {
        using Stream decoder = encoding == "gzip"
            ? new GZipStream(new MemoryStream(body), CompressionMode.Decompress)
            : new BrotliStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        decoder.CopyTo(plain);
        return plain.ToArray();
    }

    [Theory]
    [InlineData("gzip", "/open311/v2/requests.json?per_page=100")]
    [InlineData("br", "/open311/v2/requests.xml?per_page=100")]
    [InlineData("gzip", "/open311/v2/services.xml")]
    public async Task ListsComeCompressedInTheEncodingAskedFor(string encoding, string url)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        for (var i = 0; i < 20; i++) await client.CreatePotholeAsync(key, ("description", $"Pothole number {i} in the right lane"));

        var (plain, plainBody) = await GetAsync(client, url, null);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var (packed, packedBody) = await GetAsync(client, url, $"{encoding}, identity");
        Assert.Equal(HttpStatusCode.OK, packed.StatusCode);
        Assert.Equal([encoding], packed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", packed.Headers.Vary);
        Assert.Equal(plain.Content.Headers.ContentType, packed.Content.Headers.ContentType);
        Assert.True(packedBody.Length < plainBody.Length / 2, $"{packedBody.Length} bytes from {plainBody.Length}");
        Assert.Equal(plainBody, Decode(encoding, packedBody));
    }

    // Staff answers carry secrets (a new key, personal data), so they are never compressed (BREACH): a real
    // staff answer, large and compressible, comes back as it is even to a client that asks for gzip.
    [Fact]
    public async Task TheStaffApiIsNotCompressed()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var admin = await app.KeyAsync("admin");
        for (var i = 0; i < 20; i++) await app.KeyAsync(name: $"an app with a long and repetitive name number {i}");
        var (response, body) = await GetAsync(client, "/api/v1/keys", "gzip", admin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.True(body.Length > 2000, $"{body.Length} bytes");
        Assert.Contains("an app with a long and repetitive name number 19", System.Text.Encoding.UTF8.GetString(body));
    }
}
