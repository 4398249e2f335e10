namespace Open311;

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
