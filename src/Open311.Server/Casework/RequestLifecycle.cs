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

        // Issue 28: a team must exist, and gives agency_responsible its public name unless the change sets that too;
        // an assignee is an active staff user, named by email, stored by id.
        if (columns.GetValueOrDefault("team_id") is string team)
        {
            var publicName = await change.Connection.ExecuteScalarAsync<string?>(
                "SELECT public_name FROM teams WHERE id = @team", new { team }, change.Transaction);
            if (publicName is null) return RequestChange.Missing<bool>($"Team {team} (team)");
            if (!columns.ContainsKey("agency_responsible")) columns["agency_responsible"] = publicName;
        }
        long? assigneeId = null;
        if (columns.Remove(RequestPatch.AssigneeEmail, out var assignee))
        {
            if (assignee is string email)
            {
                assigneeId = await change.Connection.ExecuteScalarAsync<long?>(
                    "SELECT id FROM staff_users WHERE email = @email AND active = @yes", new { email, yes = true }, change.Transaction);
                if (assigneeId is null) return RequestChange.Missing<bool>($"Staff user {email} (assignee)");
            }
            columns["assignee_id"] = assigneeId;
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
        var detailOf = new Dictionary<string, object?>
        {
            ["fields"] = patch.Columns.Keys.Select(RequestPatch.WireName).ToList(),
            ["status"] = patch.Status,
            ["status_detail"] = detail != row.StatusDetail ? detail : null,
            ["duplicate_of"] = detail == StatusDetails.Duplicate && patch.DuplicateOf is { } o && o != row.DuplicateOf ? o : null,
        };
        // Who was assigned (issue 28): the team's id and the user's id, only when the change set them (an email is
        // personal, so never in a detail).
        if (columns.ContainsKey("team_id")) detailOf["team"] = columns["team_id"];
        if (columns.ContainsKey("assignee_id")) detailOf["assignee_user_id"] = assigneeId;
        await change.AuditAsync("request", row.ServiceRequestId, closed ? "closed" : reopened ? "reopened" : "updated", detailOf);
        return Step.Done(true);
    }
}
