using System.Collections.Concurrent;

namespace Open311;

// Where the pages of a sync list start (order=updated_datetime with updated_after), so that page N of a
// pass costs what page 1 costs instead of counting N-1 pages of rows again.
//
// A sync list only grows at its end: a request's place is its first change in the window, which later
// changes don't move, and a new change comes after every earlier one. With filters that don't change
// over a request's life (service, requested dates, ids), the rows before a given row are therefore
// always the same, so "offset O starts after row K" stays true; it holds for any updated_before too,
// since the rows up to K are the same in every window that reaches K and none follow K in one that
// doesn't. Filters on status or text can change under a request, so their lists are not bookmarked.
sealed class SyncBookmarks(Microsoft.Extensions.Options.IOptions<TuningOptions> tuning)
{

    readonly ConcurrentDictionary<(string List, long Offset), (long Id, long At)> kept = new();

    // The list a filter names, without its page, page size and window end.
    public static string ListOf(RequestFilter f, IReadOnlyCollection<long>? serviceIds) =>
        $"{f.UpdatedFrom}|{f.RequestedFrom}|{f.RequestedTo}|{(serviceIds is null ? "" : string.Join(',', serviceIds.Order()))}|{(f.Ids is null ? "" : string.Join(',', f.Ids))}";

    public (long Id, long At)? Find(string list, long offset) =>
        offset > 0 && kept.TryGetValue((list, offset), out var key) ? key : null;

    public void Keep(string list, long offset, long id, long at)
    {
        if (kept.Count >= tuning.Value.SyncBookmarks) kept.Clear(); // a bound on memory; bookmarks are made again as pages are read
        kept[(list, offset)] = (id, at);
    }
}
