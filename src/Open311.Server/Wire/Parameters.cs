namespace Open311;

// How the APIs read simple parameter values: comma lists, true/false flags, and bad values echoed back.
static class Lists
{
    // Comma lists, with or without spaces (Chicago sends none, other clients do); null when empty.
    public static IReadOnlyList<string>? Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        return items.Count == 0 ? null : items;
    }

    // Echoes a bad value back in an error without letting it grow the answer.
    public static string Clip(string value) => value.Length > 40 ? value[..40] + "..." : value;
}

static class Flags
{
    // A true/false parameter on its own, for the calls whose only optional parameter it is.
    public static bool TryParse(string name, string? text, out bool value, out Open311Error? error)
    {
        Open311Error? found = null;
        value = Parse(name, text, (p, m) => found = Open311Error.BadRequest(p, m));
        error = found;
        return found is null;
    }

    // Empty means false, as an absent parameter does (CONTRACT §1).
    public static bool Parse(string name, string? text, Action<string, string> bad)
    {
        switch (text)
        {
            case null or "" or "false": return false;
            case "true": return true;
            default:
                bad(name, $"must be true or false, not '{Lists.Clip(text)}'");
                return false;
        }
    }
}
