using System.Net;

namespace Open311.Tests;

// Every answer of the media route (a photo's .jpg/.png URL) is in a content type that fits an image URL: the image
// itself, or a JSON body (the error list) for a refusal; never the XML a GeoReport route without a format falls to.
public class MediaAnswerTests
{
    [Fact]
    public async Task APhotoRefusedOverTheAnonymousLimitIsAnsweredInJsonNotXml()
    {
        await using var app = new Open311App(new() { ["Open311:RateLimits:AnonymousPerMinute"] = "1" });
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var created = await client.PostRequestWithMediaAsync(Fixtures.Pothole(key), (TestImages.Jpeg(), "IMG_0001.jpg"));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = created.Json[0].GetProperty("service_request_id").GetString();
        var read = await client.FetchAsync($"/open311/v2/requests/{id}.json?api_key={key}");
        var media = new Uri(read.Json[0].GetProperty("media_url").GetString()!).PathAndQuery;

        var served = await client.GetAsync(media);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);

        var refused = await client.GetAsync(media);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/json", refused.Content.Headers.ContentType!.MediaType);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Contains("\"code\":429", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownPhotoIs404WithoutAnXmlBody()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().GetAsync("/open311/media/AAAAAAAAAAAAAAAAAAAAAAAA.jpg");
        Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
        Assert.NotEqual("text/xml", reply.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual("application/xml", reply.Content.Headers.ContentType?.MediaType);
    }
}
