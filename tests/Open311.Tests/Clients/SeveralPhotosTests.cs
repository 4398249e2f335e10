using System.Net;
using System.Net.Http.Headers;

namespace Open311.Tests;

// CONTRACT §11: several photos per request, and FixMyStreet's spellings (photo1..N parts, deviceid).
public class SeveralPhotosTests
{
    static List<string> PhotoLinks(Reply reply) => reply.Json[0].GetProperty("extended_attributes").GetProperty("photos")
        .EnumerateArray().Select(p => p.GetProperty("media_url").GetString()!).ToList();

    [Fact]
    public async Task FixMyStreetsPhotoPartsAreKeptAsPublicPhotosAndDeviceidAsDeviceId()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in Fixtures.Pothole(key, ("deviceid", "phone-4242"))) form.Add(new StringContent(value), name);
        foreach (var part in new[] { "photo1", "photo2", "photo3" })
        {
            var file = new ByteArrayContent(TestImages.WithMetadata(TestImages.Jpeg()));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, part, $"{part}.jpg");
        }
        var created = await client.PostAsync("/open311/v2/requests.json", form).ReplyAsync();
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = created.Json[0].GetProperty("service_request_id").GetString()!;

        var shown = await client.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true");
        Assert.Equal(3, PhotoLinks(shown).Count);
        Assert.Equal(3, app.PhotoFiles.Length);
        Assert.DoesNotContain("phone-4242", shown.Body);
        Assert.Equal("phone-4242", (await client.StaffGetAsync($"/api/v1/requests/{id}", staff)).Json.GetProperty("device_id").GetString());
    }

    [Fact]
    public async Task ARepeatedMediaUrlKeepsEveryLink()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var links = new[] { "https://fms.example.org/p/1.jpg", "https://fms.example.org/p/2.jpg", "https://fms.example.org/p/3.jpg" };
        var fields = Fixtures.Pothole(key).Concat(links.Select(l => ("media_url", l)));
        var created = await client.PostFormAsync("/open311/v2/requests.json", fields);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = created.Json[0].GetProperty("service_request_id").GetString()!;
        var shown = await client.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true");
        Assert.Equal(links[0], shown.Json[0].GetProperty("media_url").GetString());
        Assert.Equal(links, PhotoLinks(shown));
        var xml = await client.FetchAsync($"/open311/v2/requests/{id}.xml?extensions=true");
        Assert.Equal(links, xml.Xml.Element("request")!.Element("extended_attributes")!.Element("photos")!.Elements("photo")
            .Select(p => (string)p.Element("media_url")!));
    }

    [Fact]
    public async Task ABadLinkAfterTheFirstIsNamedAndNothingIsStored()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var fields = Fixtures.Pothole(key).Concat([("media_url", "https://fms.example.org/p/1.jpg"), ("media_url", "javascript:alert(1)")]);
        var reply = await client.PostFormAsync("/open311/v2/requests.xml", fields);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("media_url[1] must be an absolute http or https URL", Assert.Single(reply.Errors));
        Assert.Empty((await client.FetchAsync("/open311/v2/requests.json")).Ids());
    }
}
