namespace Open311.Tests;

// What a service definition must satisfy before it is saved (CatalogRules.Check), as a table without a host;
// StaffServicesTests shows the same problems as problem details over HTTP.
[Trait("Storage", "none")]
public class CatalogRulesTests
{
    static readonly CatalogAttribute Size = new("POTHSIZE", Datatypes.SingleValueList, "How big?", 1, Required: true,
        Values: [new("small", "Small"), new("large", "Large")]);

    static readonly CatalogService Good = new("PWPOTHOL", "Pothole Repair", "Holes in the road", "Streets", "pothole", Attributes: [Size]);

    static readonly Dictionary<string, (CatalogService Service, string Field, string Problem)> Cases = new()
    {
        ["empty code"] = (Good with { ServiceCode = "" }, "service_code", "must be 1 to 64 letters, digits, '_' or '-'"),
        ["a code with a dot"] = (Good with { ServiceCode = "PW.POT" }, "service_code", "must be 1 to 64 letters, digits, '_' or '-'"),
        ["a code of 65"] = (Good with { ServiceCode = new string('A', 65) }, "service_code", "must be 1 to 64 letters, digits, '_' or '-'"),
        ["no name"] = (Good with { ServiceName = " " }, "service_name", "is required"),
        ["a name of 201"] = (Good with { ServiceName = new string('n', 201) }, "service_name", "must be at most 200 characters"),
        ["a description of 4001"] = (Good with { Description = new string('d', 4001) }, "description", "must be at most 4000 characters"),
        ["a group of 201"] = (Good with { Group = new string('g', 201) }, "group", "must be at most 200 characters"),
        ["keywords of 1001"] = (Good with { Keywords = new string('k', 1001) }, "keywords", "must be at most 1000 characters"),
        ["a notice of 4001"] = (Good with { Notice = new string('x', 4001) }, "notice", "must be at most 4000 characters"),
        ["an unknown type"] = (Good with { Type = "urgent" }, "type", "must be realtime, batch or blackbox"),
        ["an attribute code that is no XML name"] = (Good with { Attributes = [Size with { Code = "1SIZE" }] }, "attributes[0].code",
            "must be an XML name of at most 64 characters ([A-Za-z_][A-Za-z0-9_.-]*)"),
        ["an unknown datatype"] = (Good with { Attributes = [Size with { Datatype = "colour", Values = null }] }, "attributes[0].datatype",
            "must be string, number, datetime, text, singlevaluelist or multivaluelist"),
        ["an attribute without a description"] = (Good with { Attributes = [Size with { Description = "" }] }, "attributes[0].description", "is required"),
        ["order 0"] = (Good with { Attributes = [Size with { Order = 0 }] }, "attributes[0].order", "must be a positive whole number"),
        ["required but informational"] = (Good with { Attributes = [Size with { Variable = false }] }, "attributes[0].required",
            "can't be true on an informational attribute (variable false)"),
        ["a list without choices"] = (Good with { Attributes = [Size with { Values = [] }] }, "attributes[0].values", "must list the choices of a list attribute"),
        ["choices on a string"] = (Good with { Attributes = [Size with { Datatype = Datatypes.String }] }, "attributes[0].values",
            "are only for singlevaluelist and multivaluelist"),
        ["a choice without a key"] = (Good with { Attributes = [Size with { Values = [new("", "Small")] }] }, "attributes[0].values[0].key", "must be 1 to 100 characters"),
        ["a choice name of 201"] = (Good with { Attributes = [Size with { Values = [new("s", new string('n', 201))] }] }, "attributes[0].values[0].name",
            "must be 1 to 200 characters"),
        ["a repeated choice key"] = (Good with { Attributes = [Size with { Values = [new("s", "Small"), new("s", "Smaller")] }] }, "attributes[0].values",
            "repeat the key 's'"),
        ["a repeated attribute code"] = (Good with { Attributes = [Size, Size with { Order = 2 }] }, "attributes[1].code", "repeats the code 'POTHSIZE' of attributes[0]"),
        ["a repeated order"] = (Good with { Attributes = [Size, Size with { Code = "POTHDEEP" }] }, "attributes",
            "repeat the order 1; orders must be unique within a service"),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void ABadDefinitionGivesItsOneProblem(string name)
    {
        var (service, field, problem) = Cases[name];
        Assert.Equal((field, problem), Assert.Single(CatalogRules.Check(service)));
    }

    [Fact]
    public void AGoodDefinitionAndTheWholeDemoCatalogPass()
    {
        Assert.Empty(CatalogRules.Check(Good));
        Assert.All(DemoCatalog.Load(), s => Assert.Empty(CatalogRules.Check(s)));
    }

    [Fact]
    public void EveryProblemIsListed() =>
        Assert.Equal(["service_code", "service_name", "type"],
            CatalogRules.Check(Good with { ServiceCode = "", ServiceName = "", Type = "x" }).Select(p => p.Field));
}
