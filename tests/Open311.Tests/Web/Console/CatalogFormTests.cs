using System.Text.Json;

namespace Open311.Tests;

// The catalog editor's form without a host: a service read onto the form and back is the same service (its order
// from its place on the form), blanks are left out, and the form's own buttons add, remove and move questions and
// choices, or do nothing when they name a place that is not there.
[Trait("Storage", "none")]
public class CatalogFormTests
{
    static readonly CatalogService Bench = new("PRBENCH", "Broken park bench", "A bench in a park.", "Parks & Trees", "bench, seat", "batch",
        Active: false, Notice: "Benches are mended in spring.", Attributes:
        [
            new CatalogAttribute("BENCHWHAT", Datatypes.SingleValueList, "What is wrong with it?", 1, Required: true,
                Values: [new("slats", "Missing slats"), new("graffiti", "Painted on")]),
            new CatalogAttribute("BENCHINFO", Datatypes.String, "Benches in state parks are the state's.", 2, Variable: false),
            new CatalogAttribute("BENCHMORE", Datatypes.Text, "Anything else?", 3, DatatypeDescription: "A few words"),
        ]);

    static string Json(CatalogService s) => JsonSerializer.Serialize(s, WireJson.Files);

    [Fact]
    public void AServiceReadOntoTheFormAndBackIsTheSameService()
    {
        Assert.Equal(Json(Bench), Json(CatalogForm.From(Bench).ToService()));
        // Read in any order, a service's questions come onto the form in theirs.
        var shuffled = Bench with { Attributes = [Bench.Attributes![2] with { Order = 30 }, Bench.Attributes[0] with { Order = 10 }, Bench.Attributes[1] with { Order = 20 }] };
        Assert.Equal(["BENCHWHAT", "BENCHINFO", "BENCHMORE"], CatalogForm.From(shuffled).ToService().Attributes!.Select(a => a.Code));
        Assert.Equal([1, 2, 3], CatalogForm.From(shuffled).ToService().Attributes!.Select(a => a.Order));
    }

    [Fact]
    public void BlanksAreLeftOutAndTextIsTrimmed()
    {
        var form = new CatalogForm
        {
            Code = " PRBENCH ", Name = " Bench ", Description = "  ", Group = "", Keywords = null, Type = "realtime",
            Attributes = [new AttributeForm { Code = "Q", Datatype = Datatypes.MultiValueList, Description = " Which? ", DatatypeDescription = " ",
                Values = [new ValueForm { Key = " a ", Name = " A " }] }],
        };
        var s = form.ToService();
        Assert.Equal(("PRBENCH", "Bench", (string?)null, (string?)null, (string?)null, false), (s.ServiceCode, s.ServiceName, s.Description, s.Group, s.Keywords, s.Active));
        var a = Assert.Single(s.Attributes!);
        Assert.Equal(("Which?", (string?)null, true, false), (a.Description, a.DatatypeDescription, a.Variable, a.Required));
        Assert.Equal([new AttributeValueWire("a", "A")], a.Values);
        Assert.Null(new CatalogForm { Attributes = [new AttributeForm { Datatype = Datatypes.String }] }.ToService().Attributes![0].Values);
        Assert.Empty(CatalogRules.Check(form.ToService()));
        // An area the form does not edit is kept as given.
        var area = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}""").RootElement;
        Assert.Equal(area.GetRawText(), form.ToService(area).AreaText);
    }

    [Theory]
    [InlineData("add-attribute", "BENCHWHAT(slats,graffiti) BENCHINFO() BENCHMORE() _()")]
    [InlineData("remove-attribute:1", "BENCHWHAT(slats,graffiti) BENCHMORE()")]
    [InlineData("up:2", "BENCHWHAT(slats,graffiti) BENCHMORE() BENCHINFO()")]
    [InlineData("down:0", "BENCHINFO() BENCHWHAT(slats,graffiti) BENCHMORE()")]
    [InlineData("add-value:0", "BENCHWHAT(slats,graffiti,_) BENCHINFO() BENCHMORE()")]
    [InlineData("add-value:2", "BENCHWHAT(slats,graffiti) BENCHINFO() BENCHMORE(_)")]
    [InlineData("remove-value:0:0", "BENCHWHAT(graffiti) BENCHINFO() BENCHMORE()")]
    public void TheFormsOwnButtonsChangeIt(string action, string after)
    {
        var form = CatalogForm.From(Bench);
        Assert.True(form.Apply(action));
        Assert.Equal(after, string.Join(" ", form.Attributes.Select(a => $"{a.Code ?? "_"}({string.Join(",", a.Values.Select(v => v.Key ?? "_"))})")));
        // What was typed elsewhere stays.
        Assert.Equal(("Broken park bench", "Benches are mended in spring."), (form.Name, form.Notice));
    }

    [Theory]
    [InlineData("save")]
    [InlineData(null)]
    [InlineData("up:0")]
    [InlineData("down:2")]
    [InlineData("remove-attribute:3")]
    [InlineData("remove-attribute:-1")]
    [InlineData("remove-attribute:x")]
    [InlineData("add-value:9")]
    [InlineData("remove-value:1:0")]
    [InlineData("remove-value:0:2")]
    [InlineData("add-attribute:1")]
    public void AButtonThatNamesNoPlaceOnTheFormChangesNothing(string? action)
    {
        var form = CatalogForm.From(Bench);
        Assert.False(form.Apply(action));
        Assert.Equal(Json(Bench), Json(form.ToService()));
    }
}
