using System.Net;

namespace Open311.Tests;

// photos sweep: files named by no row and older than the threshold go; everything else stays.
public class PhotoSweepTests
{
    [Fact]
    public async Task TheSweepRemovesOnlyOldFilesThatNoRequestNames()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var created = await client.PostRequestWithMediaAsync(Fixtures.Pothole(key), (TestImages.Jpeg(), "pothole.jpg"));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var kept = Assert.Single(app.PhotoFiles);
        File.SetLastWriteTimeUtc(kept, DateTime.UtcNow.AddDays(-2));

        var oldOrphan = Path.Combine(app.PhotoFolder, "AAAAAAAAAAAAAAAAAAAAAAAA.jpg");
        var newOrphan = Path.Combine(app.PhotoFolder, "BBBBBBBBBBBBBBBBBBBBBBBB.png");
        var notOurs = Path.Combine(app.PhotoFolder, "README.txt");
        foreach (var path in new[] { oldOrphan, newOrphan, notOurs }) await File.WriteAllBytesAsync(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(oldOrphan, DateTime.UtcNow.AddHours(-3));
        File.SetLastWriteTimeUtc(notOurs, DateTime.UtcNow.AddHours(-3));

        var dry = await PhotoSweep.RunAsync(app.Get<Database>(), app.Get<PhotoFiles>(), TimeSpan.FromHours(1), dryRun: true, TimeProvider.System, default);
        Assert.Equal(["AAAAAAAAAAAAAAAAAAAAAAAA.jpg"], dry.Orphans);
        Assert.True(File.Exists(oldOrphan));

        var swept = await PhotoSweep.RunAsync(app.Get<Database>(), app.Get<PhotoFiles>(), TimeSpan.FromHours(1), dryRun: false, TimeProvider.System, default);
        Assert.Equal(["AAAAAAAAAAAAAAAAAAAAAAAA.jpg"], swept.Orphans);
        Assert.Equal(2, swept.Kept);
        Assert.False(File.Exists(oldOrphan));
        Assert.True(File.Exists(newOrphan));
        Assert.True(File.Exists(notOurs));
        Assert.True(File.Exists(kept));
        var photo = created.Json[0].GetProperty("service_request_id").GetString();
        var media = (await client.FetchAsync($"/open311/v2/requests/{photo}.json")).Json[0].GetProperty("media_url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(media).PathAndQuery)).StatusCode);
    }
}
