using System.Text.RegularExpressions;

namespace Open311;

// What a service definition must satisfy before it is saved (CONTRACT §4 and §8).
static partial class CatalogRules
{
    // Attribute codes are XML names, so that they can be element names in XML `details`.
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$")]
    public static partial Regex XmlName();

    // Service codes travel in URL paths (/services/{code}.json): no dots, slashes or spaces.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex ServiceCode();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex TeamId();

    static readonly string[] Types = ["realtime", "batch", "blackbox"];

    // Each problem names the field at fault, as "field problem".
    public static List<(string Field, string Problem)> Check(CatalogService s)
    {
        var problems = new List<(string, string)>();
        void Fail(string field, string problem) => problems.Add((field, problem));
        // Text XML can carry, whichever door it came through (staff API, catalog import): TextRules.
        void Text(string field, string? value)
        {
            if (value is not null && TextRules.Problem(value) is { } problem) Fail(field, problem);
        }

        Text("service_name", s.ServiceName);
        Text("description", s.Description);
        Text("group", s.Group);
        Text("keywords", s.Keywords);
        Text("notice", s.Notice);

        if (string.IsNullOrWhiteSpace(s.ServiceCode) || !ServiceCode().IsMatch(s.ServiceCode))
            Fail("service_code", "must be 1 to 64 letters, digits, '_' or '-'");
        if (string.IsNullOrWhiteSpace(s.ServiceName)) Fail("service_name", "is required");
        else if (s.ServiceName.Length > 200) Fail("service_name", "must be at most 200 characters");
        if (s.Description?.Length > 4000) Fail("description", "must be at most 4000 characters");
        if (s.Group?.Length > 200) Fail("group", "must be at most 200 characters");
        if (s.DefaultTeam is { } team && !TeamId().IsMatch(team))
            Fail("default_team", "must be a team's id (lower-case letters, digits and hyphens), or null");
        if (s.Sla is { } sla)
        {
            if (!ServiceSla.Units.Contains(sla.Unit)) Fail("sla.unit", "must be hours, calendar_days or work_days");
            if (sla.Amount is < 1 or > 10_000) Fail("sla.amount", "must be a whole number from 1 to 10000");
        }
        if (s.Keywords?.Length > 1000) Fail("keywords", "must be at most 1000 characters");
        if (s.Notice?.Length > 4000) Fail("notice", "must be at most 4000 characters");
        if (!Types.Contains(s.Type)) Fail("type", "must be realtime, batch or blackbox");
        if (s.AreaText is { } area && GeoArea.Parse(area).Problem is { } problem) Fail("area", problem);

        var attributes = s.Attributes ?? [];
        foreach (var (a, i) in attributes.Select((a, i) => (a, i)))
        {
            var at = $"attributes[{i}]";
            if (a is null) { Fail(at, "is empty"); continue; }
            Text($"{at}.description", a.Description);
            Text($"{at}.datatype_description", a.DatatypeDescription);
            if (string.IsNullOrEmpty(a.Code) || a.Code.Length > 64 || !XmlName().IsMatch(a.Code))
                Fail($"{at}.code", "must be an XML name of at most 64 characters ([A-Za-z_][A-Za-z0-9_.-]*)");
            if (!Datatypes.All.Contains(a.Datatype))
                Fail($"{at}.datatype", "must be string, number, datetime, text, singlevaluelist or multivaluelist");
            if (string.IsNullOrWhiteSpace(a.Description)) Fail($"{at}.description", "is required");
            else if (a.Description.Length > 2000) Fail($"{at}.description", "must be at most 2000 characters");
            if (a.DatatypeDescription?.Length > 1000) Fail($"{at}.datatype_description", "must be at most 1000 characters");
            if (a.Order < 1) Fail($"{at}.order", "must be a positive whole number");
            if (!a.Variable && a.Required) Fail($"{at}.required", "can't be true on an informational attribute (variable false)");

            var values = a.Values ?? [];
            if (a.IsList && values.Count == 0) Fail($"{at}.values", "must list the choices of a list attribute");
            if (!a.IsList && values.Count > 0) Fail($"{at}.values", "are only for singlevaluelist and multivaluelist");
            foreach (var (v, j) in values.Select((v, j) => (v, j)))
            {
                Text($"{at}.values[{j}].key", v?.Key);
                Text($"{at}.values[{j}].name", v?.Name);
                if (v is null || string.IsNullOrWhiteSpace(v.Key) || v.Key.Length > 100)
                    Fail($"{at}.values[{j}].key", "must be 1 to 100 characters");
                if (v is null || string.IsNullOrWhiteSpace(v.Name) || v.Name.Length > 200)
                    Fail($"{at}.values[{j}].name", "must be 1 to 200 characters");
            }
            foreach (var key in values.Where(v => v is not null).GroupBy(v => v.Key).Where(g => g.Count() > 1))
                Fail($"{at}.values", $"repeat the key '{key.Key}'");
        }
        // A repeated code is named where it repeats (the console shows it beside that field).
        foreach (var (a, i) in attributes.Select((a, i) => (a, i)))
            if (a is not null && attributes.Take(i).FirstOrDefault(b => b is not null && b.Code == a.Code) is { } first)
                Fail($"attributes[{i}].code", $"repeats the code '{a.Code}' of attributes[{attributes.ToList().IndexOf(first)}]");
        foreach (var order in attributes.Where(a => a is not null).GroupBy(a => a.Order).Where(g => g.Count() > 1))
            Fail("attributes", $"repeat the order {order.Key}; orders must be unique within a service");
        return problems;
    }
}
