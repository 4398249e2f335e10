using Dapper;

namespace Open311;

// What a change of a request's lifecycle fields does, for every front door that changes them (PATCH
// /api/v1/requests/{id}, the staff console, a client's update on POST servicerequestupdates): the columns, status
// and status_detail kept in step (CONTRACT §11), the public note a closing or reopening leaves, the audit entry.
static class RequestLifecycle
{
    public static async Task<Step<bool>> ApplyAsync(RequestChange change, RequestPatch patch)
    {
        var row = change.Row;
        var columns = new Dictionary<string, object?>(patch.Columns);
        // status follows from status_detail; status alone keeps the detail of its kind (closing is closed, reopening reopened).
        var detail = patch.StatusDetail ?? (patch.Status is { } status ? StatusDetails.Follow(row.StatusDetail, status) : row.StatusDetail);
        if (detail != row.StatusDetail || patch.Status is not null)
        {
            columns["status_detail"] = detail;
            columns["status"] = StatusDetails.StatusOf(detail);
        }
        if (detail != StatusDetails.Duplicate) { if (row.DuplicateOf is not null) columns["duplicate_of"] = null; }
        else if (patch.DuplicateOf is { } original)
        {
            if (original == row.ServiceRequestId) return RequestChange.Missing<bool>($"Request {original} (a request is not a duplicate of itself)");
            var exists = await change.Connection.ExecuteScalarAsync<long?>(
                "SELECT id FROM requests WHERE service_request_id = @original", new { original }, change.Transaction);
            if (exists is null) return RequestChange.Missing<bool>($"Request {original} (duplicate_of)");
        }

        // Column names come from RequestPatch's fixed table, never from the body.
        var set = string.Join(", ", columns.Keys.Select(column => $"{column} = @{column}"));
        var args = new DynamicParameters(columns);
        args.Add("id", row.Id);
        await change.Connection.ExecuteAsync($"UPDATE requests SET {set} WHERE id = @id", args, change.Transaction);

        var newStatus = columns.GetValueOrDefault("status") as string ?? row.Status;
        var reopened = newStatus == "open" && row.Status == "closed";
        var closed = newStatus == "closed" && row.Status == "open";
        // Chicago/Austin notes: the public history of a request shows when it was closed or reopened.
        if (closed) await change.AddNoteAsync("closed", "Request closed", patch.StatusNotes ?? row.StatusNotes ?? "Request closed", isPublic: true);
        if (reopened) await change.AddNoteAsync("activity", "Request reopened", patch.StatusNotes ?? "Request reopened", isPublic: true);
        await change.AuditAsync("request", row.ServiceRequestId, closed ? "closed" : reopened ? "reopened" : "updated",
            new
            {
                fields = patch.Columns.Keys.Select(c => c == "expected_at" ? "expected_datetime" : c).ToList(),
                status = patch.Status,
                status_detail = detail != row.StatusDetail ? detail : null,
                duplicate_of = detail == StatusDetails.Duplicate && patch.DuplicateOf is { } o && o != row.DuplicateOf ? o : null,
            });
        return Step.Done(true);
    }
}
