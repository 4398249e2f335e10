using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Open311.Tests;

// Every rule of POST /requests that Submission.Parse checks, as a table of fields and the errors they give,
// against the demo catalog's definitions, without a host. BadSubmissionTests shows the same refusals over HTTP.
[Trait("Storage", "none")]
public class SubmissionParseTests
{
    static readonly DateCodec Dates = new(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));
    static readonly Dictionary<string, ServiceEntry> Catalog = DemoCatalog.Load().ToDictionary(s => s.ServiceCode, s => s.ToEntry(now: 0));

    static (NewRequest? Request, List<Open311Error> Errors) Parse(string code, IEnumerable<(string, string)> body,
        IEnumerable<(string, string)>? query = null, BoundsOptions? bounds = null)
    {
        static Dictionary<string, StringValues> Group(IEnumerable<(string Name, string Value)> fields) =>
            fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => new StringValues(g.Select(f => f.Value).ToArray()));
        var fields = new SubmittedFields(new FormCollection(Group(body)), new QueryCollection(Group(query ?? [])));
        var (request, problems) = Submission.Parse(fields, Catalog[code], new Open311Options { Bounds = bounds }, Dates);
        return (request, problems.Select(p => p.ToError()).ToList());
    }

    static List<(string, string)> Pothole(params (string, string)[] changes) => Fixtures.Pothole("o311_key", changes);

    static List<(string, string)> PotholeWithout(params string[] names) => Pothole().Where(f => !names.Contains(f.Item1)).ToList();

    static readonly (string, string)[] Pickup = [("address_string", "100 Congress Ave"), ("attribute[CARTTYPE][]", "trash"),
        ("attribute[PICKDATE]", "2026-10-30"), ("attribute[CARTOUT]", "yes")];

    static List<(string, string)> MissedPickup(params (string, string)[] changes)
    {
        var fields = Pickup.ToList();
        foreach (var (name, value) in changes) { fields.RemoveAll(f => f.Item1 == name); fields.Add((name, value)); }
        return fields;
    }

    // name → (service, fields, the one error expected)
    static readonly Dictionary<string, (string Code, List<(string, string)> Fields, string Error)> Cases = new()
    {
        ["lat 91"] = ("PWPOTHOL", Pothole(("lat", "91")), "lat must be from -90 to 90"),
        ["lat -90.0001"] = ("PWPOTHOL", Pothole(("lat", "-90.0001")), "lat must be from -90 to 90"),
        ["long 181"] = ("PWPOTHOL", Pothole(("long", "181")), "long must be from -180 to 180"),
        ["long -180.5"] = ("PWPOTHOL", Pothole(("long", "-180.5")), "long must be from -180 to 180"),
        ["text longitude"] = ("PWPOTHOL", Pothole(("long", "west")), "long must be a decimal number, not 'west'"),
        ["lat NaN"] = ("PWPOTHOL", Pothole(("lat", "NaN")), "lat must be a decimal number, not 'NaN'"),
        ["lat overflowing"] = ("PWPOTHOL", Pothole(("lat", "1e400")), "lat must be a decimal number, not '1e400'"),
        ["lat with a decimal comma"] = ("PWPOTHOL", Pothole(("lat", "30,26")), "lat must be a decimal number, not '30,26'"),
        ["lat without long"] = ("PWPOTHOL", PotholeWithout("long"), "long is required with lat"),
        ["long without lat"] = ("PWPOTHOL", PotholeWithout("lat"), "lat is required with long"),
        ["no location"] = ("PWPOTHOL", PotholeWithout("lat", "long", "address_string"),
            "lat and long, address_string or address_id is required: a request needs a location"),
        ["only spaces for an address"] = ("PWPOTHOL", PotholeWithout("lat", "long", "address_string").Append(("address_string", "   ")).ToList(),
            "lat and long, address_string or address_id is required: a request needs a location"),
        ["description of 4001 characters"] = ("PWPOTHOL", Pothole(("description", new string('a', 4001))), "description must be at most 4000 characters"),
        ["description with a control character"] = ("PWPOTHOL", Pothole(("description", "bad\u0001byte")), "description must not contain control characters"),
        ["address_string of 501 characters"] = ("PWPOTHOL", Pothole(("address_string", new string('b', 501))), "address_string must be at most 500 characters"),
        ["address_string with a tab"] = ("PWPOTHOL", Pothole(("address_string", "301\tW 2nd")), "address_string must not contain control characters"),
        ["address_id of 101 characters"] = ("PWPOTHOL", Pothole(("address_id", new string('1', 101))), "address_id must be at most 100 characters"),
        ["email that is not one"] = ("PWPOTHOL", Pothole(("email", "not-an-email")), "email is not an email address"),
        ["email of 255 characters"] = ("PWPOTHOL", Pothole(("email", new string('e', 245) + "@cheese.io")), "email must be at most 254 characters"),
        ["phone of 41 characters"] = ("PWPOTHOL", Pothole(("phone", new string('5', 41))), "phone must be at most 40 characters"),
        ["first_name of 101 characters"] = ("PWPOTHOL", Pothole(("first_name", new string('x', 101))), "first_name must be at most 100 characters"),
        ["last_name of 101 characters"] = ("PWPOTHOL", Pothole(("last_name", new string('x', 101))), "last_name must be at most 100 characters"),
        ["device_id of 101 characters"] = ("PWPOTHOL", Pothole(("device_id", new string('d', 101))), "device_id must be at most 100 characters"),
        ["account_id of 101 characters"] = ("PWPOTHOL", Pothole(("account_id", new string('a', 101))), "account_id must be at most 100 characters"),
        ["ftp media_url"] = ("PWPOTHOL", Pothole(("media_url", "ftp://example.com/a.jpg")), "media_url must be an absolute http or https URL"),
        ["relative media_url"] = ("PWPOTHOL", Pothole(("media_url", "/photos/a.jpg")), "media_url must be an absolute http or https URL"),
        ["media_url of 2049 characters"] = ("PWPOTHOL", Pothole(("media_url", "https://x.io/" + new string('p', 2036))), "media_url must be at most 2048 characters"),
        ["channel with capitals"] = ("PWPOTHOL", Pothole(("channel", "Web App")), "channel must be 1 to 32 lower-case letters, digits, '_' or '-'"),
        ["channel of 33 characters"] = ("PWPOTHOL", Pothole(("channel", new string('c', 33))), "channel must be 1 to 32 lower-case letters, digits, '_' or '-'"),
        ["missing required attribute"] = ("PWPOTHOL", PotholeWithout("attribute[POTHSIZE]"), "attribute[POTHSIZE] is required"),
        ["a required attribute sent empty"] = ("PWPOTHOL", Pothole(("attribute[POTHSIZE]", "")), "attribute[POTHSIZE] is required"),
        ["a required attribute sent as spaces"] = ("PWPOTHOL", Pothole(("attribute[POTHSIZE]", "  ")), "attribute[POTHSIZE] is required"),
        ["unknown list key"] = ("PWPOTHOL", Pothole(("attribute[POTHSIZE]", "huge")), "attribute[POTHSIZE] must be one of small, medium, large, not 'huge'"),
        ["two values for a singlevaluelist"] = ("PWPOTHOL", Pothole().Append(("attribute[POTHSIZE]", "small")).ToList(), "attribute[POTHSIZE] takes one value"),
        ["a number that isn't"] = ("PWPOTHOL", Pothole(("attribute[POTHDEEP]", "deep")), "attribute[POTHDEEP] must be a number, not 'deep'"),
        ["an infinite number"] = ("PWPOTHOL", Pothole(("attribute[POTHDEEP]", "Infinity")), "attribute[POTHDEEP] must be a number, not 'Infinity'"),
        ["a string attribute of 501 characters"] = ("PWPOTHOL", Pothole(("attribute[POTHLANE]", new string('l', 501))), "attribute[POTHLANE] must be at most 500 characters"),
        ["a datetime that isn't"] = ("SWSMISSE", MissedPickup(("attribute[PICKDATE]", "yesterday")), "attribute[PICKDATE] must be an ISO 8601 datetime, not 'yesterday'"),
        ["a datetime in month 13"] = ("SWSMISSE", MissedPickup(("attribute[PICKDATE]", "2026-13-01")), "attribute[PICKDATE] must be an ISO 8601 datetime, not '2026-13-01'"),
        ["an unknown multivaluelist key"] = ("SWSMISSE", MissedPickup().Append(("attribute[CARTTYPE][]", "glass")).ToList(),
            "attribute[CARTTYPE] must be one of trash, recycling, compost, bulk, not 'glass'"),
        ["a missing required multivaluelist"] = ("SWSMISSE", MissedPickup().Where(f => f.Item1 != "attribute[CARTTYPE][]").ToList(), "attribute[CARTTYPE] is required"),
        ["a text attribute with a bell"] = ("ACLONAG", [("address_string", "100 Congress Ave"), ("attribute[DOGCOUNT]", "1"), ("attribute[DOGAGGR]", "no"),
            ("attribute[DOGDESC]", "brown \u0007 dog")], "attribute[DOGDESC] must not contain control characters"),
        ["an inactive service"] = ("SWSDEADA", [("address_string", "100 Congress Ave")],
            "service_code SWSDEADA is not accepting new requests: Dead animal collection is taking calls by phone only this month: please call 3-1-1."),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void ABadFieldGivesItsOneError(string name)
    {
        var (code, fields, error) = Cases[name];
        var (request, errors) = Parse(code, fields);
        Assert.Null(request);
        Assert.Equal(new Open311Error(400, error), Assert.Single(errors));
    }

    [Fact]
    public void EveryFixtureIsValidAsItStands()
    {
        foreach (var (code, fields) in new[] { ("PWPOTHOL", Pothole()), ("SWSMISSE", MissedPickup()) })
        {
            var (request, errors) = Parse(code, fields);
            Assert.Empty(errors);
            Assert.NotNull(request);
        }
    }

    [Fact]
    public void AGoodPotholeIsReadFieldByField()
    {
        var (request, errors) = Parse("PWPOTHOL", Pothole(("email", " r@cheese.io "), ("attribute[POTHDEEP]", "4.5"), ("channel", "web-app"),
            ("media_url", "https://photos.example/p.jpg"), ("attribute[NOSUCH]", "ignored")));
        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Equal((30.2672, -97.7431), (request.Lat, request.Long));
        Assert.Equal("301 W 2nd St, Austin, TX 78701", request.Address);
        Assert.Equal("r@cheese.io", request.Email); // trimmed
        Assert.Equal("Deep pothole in the right lane", request.Description);
        Assert.Equal("web-app", request.Channel);
        Assert.Equal("https://photos.example/p.jpg", request.MediaUrl);
        Assert.Equal([("POTHSIZE", "large"), ("POTHDEEP", "4.5")], request.Answers.Select(a => (a.Code, string.Join(",", a.Values))));
    }

    [Fact]
    public void TheChannelIsOpen311WhenNoneIsSent() =>
        Assert.Equal("open311", Parse("PWPOTHOL", Pothole()).Request!.Channel);

    [Fact]
    public void AMultivaluelistKeepsEachChoiceOnceAndADatetimeIsWrittenInTheCitysZone()
    {
        var (request, errors) = Parse("SWSMISSE", MissedPickup(("attribute[PICKDATE]", "2026-10-30T14:00:00Z"))
            .Append(("attribute[CARTTYPE][]", "recycling")).Append(("attribute[CARTTYPE][]", "trash")).ToList());
        Assert.Empty(errors);
        var answers = request!.Answers.ToDictionary(a => a.Code, a => a.Values);
        Assert.Equal(["trash", "recycling"], answers["CARTTYPE"]);
        Assert.Equal("2026-10-30T09:00:00-05:00", Assert.Single(answers["PICKDATE"]));
    }

    [Theory]
    [InlineData("attribute[POTHSIZE]")]
    [InlineData("attribute[POTHSIZE][]")]
    public void AnAttributeIsReadWithOrWithoutBrackets(string field)
    {
        var (request, errors) = Parse("PWPOTHOL", PotholeWithout("attribute[POTHSIZE]").Append((field, "small")).ToList());
        Assert.Empty(errors);
        Assert.Equal(["small"], request!.Answers.Single(a => a.Code == "POTHSIZE").Values);
    }

    [Fact]
    public void TheBodyWinsOverTheQueryStringFieldByField()
    {
        var (request, errors) = Parse("PWPOTHOL", Pothole(("description", "from the body")),
            query: [("description", "from the query"), ("email", "q@cheese.io"), ("attribute[POTHSIZE]", "small"), ("attribute[POTHDEEP]", "2")]);
        Assert.Empty(errors);
        Assert.Equal("from the body", request!.Description);
        Assert.Equal("q@cheese.io", request.Email);
        var answers = request.Answers.ToDictionary(a => a.Code, a => string.Join(",", a.Values));
        Assert.Equal("large", answers["POTHSIZE"]);
        Assert.Equal("2", answers["POTHDEEP"]);
    }

    [Fact]
    public void EveryProblemIsListedInOneAnswer()
    {
        var (request, errors) = Parse("PWPOTHOL", Pothole(("lat", "91"), ("attribute[POTHSIZE]", "huge"), ("description", new string('a', 4001)), ("email", "nope")));
        Assert.Null(request);
        Assert.Equal(["attribute[POTHSIZE]", "description", "email", "lat"], errors.Select(e => e.Description.Split(' ')[0]).Order());
        Assert.All(errors, e => Assert.Equal(400, e.Code));
    }

    [Fact]
    public void ALocationOutsideTheJurisdictionIsRefusedAndOneInsideIsNot()
    {
        var austin = new BoundsOptions { South = 30.0, North = 30.6, West = -98.1, East = -97.4 };
        var (_, dallas) = Parse("PWPOTHOL", Pothole(("lat", "32.7767"), ("long", "-96.797")), bounds: austin);
        Assert.Equal("lat and long must be inside the jurisdiction (30 to 30.6 N, -98.1 to -97.4 E)", Assert.Single(dallas).Description);
        var (inside, none) = Parse("PWPOTHOL", Pothole(), bounds: austin);
        Assert.Empty(none);
        Assert.NotNull(inside);
    }

    [Fact]
    public void ADescriptionKeepsItsLineBreaksAndTabs() =>
        Assert.Equal("line one\nline two\r\n\tindented", Parse("PWPOTHOL", Pothole(("description", "line one\nline two\r\n\tindented"))).Request!.Description);
}
