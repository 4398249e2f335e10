namespace Open311;

// q in the syntax people know from web search, as PostgreSQL's websearch_to_tsquery reads it: every word
// must match, "a phrase" matches in order, `or` between terms matches either side, -word excludes.
// SQLite writes it as an FTS5 query; PostgreSQL reads q itself, so both engines answer the same.
static class WebSearch
{
    // One side of an `or`: phrases that must all match and phrases that must not. A phrase is one or more words.
    public sealed record Group(List<string[]> Include, List<string[]> Exclude);

    // Only groups with something to find: "-word" alone can't be written in FTS5, so neither engine uses it.
    public static List<Group> Parse(string q)
    {
        var groups = new List<Group> { new([], []) };
        var i = 0;
        while (i < q.Length)
        {
            if (char.IsWhiteSpace(q[i])) { i++; continue; }
            var exclude = q[i] == '-';
            if (exclude) i++;
            var quoted = i < q.Length && q[i] == '"';
            var end = quoted ? q.IndexOf('"', i + 1) : i;
            if (quoted) end = end < 0 ? q.Length : end;
            else while (end < q.Length && !char.IsWhiteSpace(q[end]) && q[end] != '"') end++;
            var chunk = q[(quoted ? i + 1 : i)..end];
            i = quoted ? end + 1 : end;

            if (!exclude && !quoted && chunk.Equals("or", StringComparison.OrdinalIgnoreCase))
            {
                if (groups[^1].Include.Count + groups[^1].Exclude.Count > 0) groups.Add(new([], []));
                continue;
            }
            var words = Words(chunk);
            if (words.Length > 0) (exclude ? groups[^1].Exclude : groups[^1].Include).Add(words);
        }
        return groups.Where(g => g.Include.Count > 0).ToList();
    }

    // Runs of letters and digits; everything else separates words.
    public static string[] Words(string text) =>
        text.Split(text.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);
}
