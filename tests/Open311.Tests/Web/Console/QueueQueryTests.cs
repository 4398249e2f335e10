using Microsoft.Extensions.Primitives;

namespace Open311.Tests;

// The queue's URL as a table, without a host: each word read, a nonsense value named and left out, and the URL
// written back the same way (the pager, the CSV and the map keep the view).
[Trait("Storage", "none")]
public class QueueQueryTests
{
    static QueueQuery Parse(string query) =>
        QueueQuery.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)));

    [Theory]
    [InlineData("", "", "")]
    [InlineData("?service=PWPOTHOL", "?service=PWPOTHOL", "")]
    [InlineData("?service=PWPOTHOL,CCGRASS", "?service=PWPOTHOL&service=CCGRASS", "")]
    [InlineData("?status=open&status=closed", "?status=open&status=closed", "")]
    [InlineData("?status=pending", "", "status")]
    [InlineData("?detail=in_progress&detail=duplicate", "?detail=in_progress&detail=duplicate", "")]
    [InlineData("?status=closed&detail=fixed,pending", "?status=closed&detail=fixed", "detail")]
    [InlineData("?age=lt7", "?age=lt7", "")]
    [InlineData("?age=7", "", "age")]
    [InlineData("?photo=yes", "?photo=yes", "")]
    [InlineData("?photo=maybe", "", "photo")]
    [InlineData("?sort=oldest", "?sort=oldest", "")]
    [InlineData("?sort=newest", "", "")]
    [InlineData("?sort=random", "", "sort")]
    [InlineData("?page=3", "?page=3", "")]
    [InlineData("?page=0", "", "page")]
    [InlineData("?page=x", "", "page")]
    [InlineData("?q=deep%20pothole&agency=Crew%204", "?agency=Crew%204&q=deep%20pothole", "")]
    [InlineData("?group=Streets%20%26%20Transportation", "?group=Streets%20%26%20Transportation", "")]
    [InlineData("?bbox=-97.8,30.2,-97.7,30.3", "?bbox=-97.8%2C30.2%2C-97.7%2C30.3", "")]
    [InlineData("?bbox=-99,30.2,-97.7,30.3", "", "bbox")]
    [InlineData("?q=%20%20", "", "")]
    public void TheUrlIsReadAndWrittenBack(string query, string written, string problem)
    {
        var q = Parse(query);
        Assert.Equal(problem, string.Join(",", q.Problems));
        Assert.Equal(written, q.QueryString(q.Page, withBox: true));
    }

    [Fact]
    public void TheFilterResolvesServicesAndGroupsThroughTheCatalogAndTheAgeAgainstNow()
    {
        var catalog = new CatalogSnapshot(
        [
            new ServiceEntry(new ServiceRow { Id = 1, ServiceCode = "PWPOTHOL", ServiceName = "Pothole", GroupName = "Streets" }, []),
            new ServiceEntry(new ServiceRow { Id = 2, ServiceCode = "STREETL2", ServiceName = "Street light", GroupName = "Streets" }, []),
            new ServiceEntry(new ServiceRow { Id = 3, ServiceCode = "CCGRASS", ServiceName = "Tall grass", GroupName = "Code" }, []),
        ], null);
        const long now = 1_000_000_000_000, day = 86_400_000;

        Assert.Equal([1L, 2L], Parse("?group=Streets").ToFilter(catalog, now).ServiceIds);
        Assert.Equal([1L], Parse("?group=Streets&service=PWPOTHOL,CCGRASS").ToFilter(catalog, now).ServiceIds);
        Assert.Equal([-1L], Parse("?group=Nowhere").ToFilter(catalog, now).ServiceIds); // matches nothing
        var unknown = Parse("?service=NOPE");
        Assert.Equal([-1L], unknown.ToFilter(catalog, now).ServiceIds);
        Assert.Contains("service", unknown.Problems);
        Assert.Null(Parse("").ToFilter(catalog, now).ServiceIds);

        var young = Parse("?age=lt7").ToFilter(catalog, now);
        Assert.Equal((now - 7 * day, (long?)null), (young.RequestedFrom, young.RequestedTo));
        var old = Parse("?age=gt90").ToFilter(catalog, now);
        Assert.Equal(((long?)null, now - 90 * day), (old.RequestedFrom, old.RequestedTo));
        var f = Parse("?photo=no&sort=updated&page=2&status=closed").ToFilter(catalog, now);
        Assert.Equal((false, QueueSort.Updated, 2, 25), (f.HasPhoto, f.Sort, f.Page, f.PerPage));
        Assert.Equal(["closed"], f.Statuses);
        Assert.Null(f.StatusDetails);
        Assert.Equal(["acknowledged"], Parse("?detail=acknowledged").ToFilter(catalog, now).StatusDetails);
    }
}
