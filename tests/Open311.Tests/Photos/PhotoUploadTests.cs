using System.Net;
using Dapper;

namespace Open311.Tests;

public class PhotoUploadTests
{
    static async Task<long> PhotoRowsAsync(Open311App app)
    {
        await using var connection = await app.Get<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM request_photos");
    }

    [Fact]
    public async Task AResidentsPhotoIsCleanedServedAndIsTheRequestsMediaUrl()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var reply = await client.PostRequestWithMediaAsync(Fixtures.Pothole(key),
            (TestImages.WithMetadata(TestImages.Jpeg()), "IMG_0001.jpg"), (TestImages.Png(), "second.png"));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var id = reply.Json[0].GetProperty("service_request_id").GetString();

        var request = (await client.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true")).Json[0];
        var mediaUrl = request.GetProperty("media_url").GetString()!;
        Assert.StartsWith("http://localhost/open311/media/", mediaUrl);
        Assert.DoesNotContain("IMG_0001", mediaUrl);
        var photos = request.GetProperty("extended_attributes").GetProperty("photos").EnumerateArray().ToList();
        Assert.Equal(2, photos.Count);
        Assert.Equal(mediaUrl, photos[0].GetProperty("media_url").GetString());

        var served = await client.GetAsync(new Uri(mediaUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.False(TestImages.Contains(bytes, "Exif"));
        Assert.False(TestImages.Contains(bytes, TestImages.Artist));
        Assert.False(TestImages.Contains(bytes, TestImages.CommentMarker));
        var second = await client.GetAsync(new Uri(photos[1].GetProperty("media_url").GetString()!).PathAndQuery);
        Assert.Equal("image/png", second.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, app.PhotoFiles.Length);
    }

    [Fact]
    public async Task ATextFileNamedJpgIsRefusedAndNothingIsStored()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var reply = await client.PostRequestWithMediaAsync(Fixtures.Pothole(await app.KeyAsync()),
            ("not an image at all"u8.ToArray(), "pothole.jpg"));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("media is not a JPEG, PNG, WebP or GIF image", reply.Errors);
        Assert.Equal(0, await PhotoRowsAsync(app));
        Assert.Empty(app.PhotoFiles);

        var id = await client.CreatePotholeAsync(await app.KeyAsync());
        var staff = await client.PostPhotoAsync(id.Id, await app.KeyAsync("staff"), "GIF89a? no, plain text"u8.ToArray(), "a.gif");
        Assert.Equal(HttpStatusCode.BadRequest, staff.Status);
        Assert.True(staff.IsProblem());
        Assert.Contains("file", staff.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AnOversizedUploadIsRefusedWithNoRowNoFileAndNoRequest()
    {
        await using var app = new Open311App(new() { ["Open311:Photos:MaxBytes"] = "4096" });
        var client = app.CreateClient();
        var big = TestImages.Jpeg(200, 200, noise: true);
        Assert.True(big.Length > 4096);

        var reply = await client.PostRequestWithMediaAsync(Fixtures.Pothole(await app.KeyAsync()), (big, "big.jpg"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal(Http.Json, reply.ContentType);
        Assert.Contains("media is larger than the limit of 4096 bytes", reply.Errors);

        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var staff = await client.PostPhotoAsync(id, await app.KeyAsync("staff"), big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, staff.Status);
        Assert.True(staff.IsProblem());

        Assert.Equal(0, await PhotoRowsAsync(app));
        Assert.Empty(app.PhotoFiles);
        await using var connection = await app.Get<Database>().OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM requests"));
    }

    [Fact]
    public async Task APrivatePhotoIsNeverServedPubliclyButStaffCanFetchIt()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var added = await client.PostPhotoAsync(id, staff, TestImages.Jpeg(), isPublic: false, title: "Caller's driveway");
        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal(JsonValueKindNull, added.Json.GetProperty("media_url").ValueKind);

        var file = Path.GetFileName(Assert.Single(app.PhotoFiles));
        foreach (var key in new[] { null, await app.KeyAsync(), staff })
        {
            var reply = await client.FetchAsync($"/open311/media/{file}", key);
            Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        }
        var byStaff = await client.GetAsync(new Uri(added.Json.GetProperty("staff_url").GetString()!).PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        var authorised = new HttpRequestMessage(HttpMethod.Get, new Uri(added.Json.GetProperty("staff_url").GetString()!).PathAndQuery);
        authorised.Headers.Authorization = new("Bearer", staff);
        var fetched = await client.SendAsync(authorised);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("image/jpeg", fetched.Content.Headers.ContentType!.MediaType);
    }

    const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Theory]
    [InlineData("../open311.db")]
    [InlineData("nothing-like-a-name.jpg")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAA.jpg")]
    public async Task UnknownOrMalformedMediaNamesAre404(string name)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync($"/open311/media/{Uri.EscapeDataString(name)}");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }

    [Fact]
    public async Task ADeletedPhotoLosesItsFileAndItsUrl()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var added = await client.PostPhotoAsync(id, staff, TestImages.Jpeg(), isPublic: true);
        var url = new Uri(added.Json.GetProperty("media_url").GetString()!).PathAndQuery;
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync(url)).Status);
        Assert.Equal(url, new Uri((await client.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0].GetProperty("media_url").GetString()!).PathAndQuery);

        var deleted = await client.StaffAsync(HttpMethod.Delete, $"/api/v1/requests/{id}/photos/{added.Json.GetProperty("id").GetInt64()}", staff);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Empty(app.PhotoFiles);
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync(url)).Status);
        Assert.Equal(System.Text.Json.JsonValueKind.Null,
            (await client.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0].GetProperty("media_url").ValueKind);
        var again = await client.StaffAsync(HttpMethod.Delete, $"/api/v1/requests/{id}/photos/{added.Json.GetProperty("id").GetInt64()}", staff);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }
}
