using Dapper;

namespace Open311;

// The key of a row in a list's order: its id, and the time the list is ordered by.
sealed record SearchKey(long Id, long At);

// The first step of a paged read (a deferred join): which ids, in which order. `Select` names the id
// and its order time as "id" and "at"; filters are fixed fragments with their parameters (FixMyStreet's %rules).
sealed record KeyQuery(string Select, string From, IReadOnlyList<string> Where, string Order, DynamicParameters Args)
{
    public KeyQuery And(string predicate, string parameter, object? value)
    {
        var args = new DynamicParameters(Args);
        args.Add(parameter, value);
        return this with { Where = [.. Where, predicate], Args = args };
    }

    public string Sql => $"""
        SELECT {Select} FROM {From}
        {(Where.Count > 0 ? "WHERE " + string.Join(" AND ", Where) : "")}
        ORDER BY {Order}
        LIMIT @limit OFFSET @offset
        """;

    public DynamicParameters Page(long offset, long limit)
    {
        var args = new DynamicParameters(Args);
        args.Add("limit", limit);
        args.Add("offset", offset);
        return args;
    }
}
