namespace Open311.Tests;

// RequestSearch.Parse is pure: parameters in, a filter or the errors out.
[Trait("Storage", "none")]
public class RequestSearchParseTests
{
    static readonly DateCodec Dates = DateCodec.For(null);
    const long Now = 1_800_000_000_000;
    const long Day = 86_400_000;

    static RequestFilter Parse(SearchParameters p)
    {
        var (filter, errors) = RequestSearch.Parse(p, Now, Dates);
        Assert.Empty(errors);
        return filter!;
    }

    [Fact]
    public void NoParametersMeansTheLast90DaysFiftyAPageNewestFirst()
    {
        var f = Parse(new());
        Assert.Equal((Now - 90 * Day, Now), (f.RequestedFrom!.Value, f.RequestedTo!.Value));
        Assert.Null(f.UpdatedFrom);
        Assert.Equal((50, 1, SearchOrder.Requested, false), (f.PerPage, f.Page, f.Order, f.Extensions));
    }

    [Fact]
    public void EmptyParametersMeanTheSameAsAbsentOnes()
    {
        Assert.Equal(Parse(new()), Parse(new(ServiceCode: "", Status: "", StartDate: "", PerPage: "", Page: "", Order: "", Q: "", Extensions: "")));
    }

    [Fact]
    public void IdsOverrideEveryOtherFilterAndPaging()
    {
        var f = Parse(new(ServiceRequestId: "26-1, 26-2,26-1", Status: "open", StartDate: "2020-01-01", Q: "x", PerPage: "5", Order: "updated_datetime"));
        Assert.Equal(["26-1", "26-2"], f.Ids!);
        Assert.Null(f.Statuses);
        Assert.Null(f.RequestedFrom);
        Assert.Null(f.Text);
        // CONTRACT §11: per_page doesn't apply to an id list; the order does.
        Assert.Equal((2, SearchOrder.Updated), (f.PerPage, f.Order));
    }

    [Fact]
    public void AStartDateInTheFutureEndsAtItself()
    {
        var start = Now + 10 * Day;
        var f = Parse(new(StartDate: Dates.Format(start)));
        Assert.Equal(f.RequestedFrom, f.RequestedTo);
    }

    [Fact]
    public void MoreThanAThousandIdsIsRefused()
    {
        var (filter, errors) = RequestSearch.Parse(new(ServiceRequestId: string.Join(",", Enumerable.Range(1, 1001))), Now, Dates);
        Assert.Null(filter);
        Assert.Equal("service_request_id may list at most 1000 ids", Assert.Single(errors).Description);
    }

    [Fact]
    public void AnIdListIsOnePageOfAllItsIdsWhateverPerPageAndPageSay()
    {
        var f = Parse(new(ServiceRequestId: string.Join(",", Enumerable.Range(1, 600)), PerPage: "10", Page: "3"));
        Assert.Equal((600, 1), (f.PerPage, f.Page));
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var (filter, errors) = RequestSearch.Parse(new(Status: "new", PerPage: "0", Page: "x", Order: "y", StartDate: "z", Extensions: "1"), Now, Dates);
        Assert.Null(filter);
        Assert.Equal(["status", "start_date", "per_page", "page", "order", "extensions"], errors.Select(e => e.Description.Split(' ')[0]));
    }
}
