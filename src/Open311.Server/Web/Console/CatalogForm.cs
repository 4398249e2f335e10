using System.Globalization;

namespace Open311;

// The catalog editor's form, field by field, as the browser posts it (Form.Name, Form.Attributes[0].Code,
// Form.Attributes[0].Values[1].Key...), turned into the CatalogService that CatalogRules checks and CatalogStore
// saves, and back. An attribute's order is its place on the form. The form's own buttons (add a question, a choice,
// remove one, move one up or down) change it on the server, so it works without JavaScript and keeps what was typed.
// A checkbox left unticked is not posted: every flag is false until the form says otherwise.
sealed class CatalogForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Group { get; set; }
    public string? Keywords { get; set; }
    public string? Type { get; set; }
    public bool Active { get; set; }
    public string? Notice { get; set; }
    public List<AttributeForm> Attributes { get; set; } = [];

    public static readonly string[] Types = ["realtime", "batch", "blackbox"];

    public static CatalogForm New() => new() { Type = "realtime", Active = true };

    public static CatalogForm From(CatalogService s) => new()
    {
        Code = s.ServiceCode, Name = s.ServiceName, Description = s.Description, Group = s.Group, Keywords = s.Keywords, Type = s.Type,
        Active = s.Active, Notice = s.Notice,
        Attributes = (s.Attributes ?? []).OrderBy(a => a.Order).Select(a => new AttributeForm
        {
            Code = a.Code, Datatype = a.Datatype, Description = a.Description, Required = a.Required, Informational = !a.Variable,
            DatatypeDescription = a.DatatypeDescription,
            Values = (a.Values ?? []).Select(v => new ValueForm { Key = v.Key, Name = v.Name }).ToList(),
        }).ToList(),
    };

    // area: the service's own area, which this form does not edit (kept as it is; the staff API and import set it).
    public CatalogService ToService(System.Text.Json.JsonElement? area = null) => new(
        Trim(Code) ?? "", Trim(Name) ?? "", Trim(Description), Trim(Group), Trim(Keywords), Trim(Type) ?? "", Active, Trim(Notice),
        Attributes.Select((a, i) => new CatalogAttribute(
            Trim(a.Code) ?? "", Trim(a.Datatype) ?? "", Trim(a.Description) ?? "", i + 1, !a.Informational, a.Required,
            Trim(a.DatatypeDescription), a.Values.Count > 0 ? a.Values.Select(v => new AttributeValueWire(v.Key?.Trim() ?? "", v.Name?.Trim() ?? "")).ToList() : null))
            .ToList(),
        null, area);

    // One of the form's own buttons: add-attribute, remove-attribute:I, up:I, down:I, add-value:I, remove-value:I:J.
    // False when the action is none of them (a save, or a position that is not on the form).
    public bool Apply(string? action)
    {
        var parts = (action ?? "").Split(':');
        int At(int n) => parts.Length > n && int.TryParse(parts[n], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
        var a = At(1);
        var attribute = a >= 0 && a < Attributes.Count ? Attributes[a] : null;
        switch (parts[0])
        {
            case "add-attribute" when parts.Length == 1:
                Attributes.Add(new AttributeForm { Datatype = Datatypes.String });
                return true;
            case "remove-attribute" when attribute is not null:
                Attributes.RemoveAt(a);
                return true;
            case "up" when attribute is not null && a > 0:
                (Attributes[a - 1], Attributes[a]) = (Attributes[a], Attributes[a - 1]);
                return true;
            case "down" when attribute is not null && a < Attributes.Count - 1:
                (Attributes[a + 1], Attributes[a]) = (Attributes[a], Attributes[a + 1]);
                return true;
            case "add-value" when attribute is not null:
                attribute.Values.Add(new ValueForm());
                return true;
            case "remove-value" when attribute is not null && At(2) is var v && v >= 0 && v < attribute.Values.Count:
                attribute.Values.RemoveAt(v);
                return true;
            default:
                return false;
        }
    }

    static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

sealed class AttributeForm
{
    public string? Code { get; set; }
    public string? Datatype { get; set; }
    public string? Description { get; set; }
    public bool Required { get; set; }
    public bool Informational { get; set; }
    public string? DatatypeDescription { get; set; }
    public List<ValueForm> Values { get; set; } = [];
}

sealed class ValueForm
{
    public string? Key { get; set; }
    public string? Name { get; set; }
}
