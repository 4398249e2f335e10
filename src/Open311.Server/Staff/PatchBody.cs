using System.Text.Json;
using System.Text.Json.Serialization;

namespace Open311;

// The body of PATCH /api/v1/requests/{id}: the JSON of a RequestPatch. The body says what JSON can say wrong (a
// field it does not know, a value of the wrong kind); PatchDraft checks the values themselves, in the same order.
sealed record PatchBody(Field<string> Status, Field<string> StatusNotes, Field<string> AgencyResponsible, Field<string> ServiceNotice,
    Field<string> ExpectedDatetime, Field<string> StatusDetail, Field<string> DuplicateOf,
    Field<string> ExternalStatusCode, Field<string> Team, Field<string> Assignee)
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    public (RequestPatch? Patch, List<(string, string)> Problems) Check(DateCodec dates)
    {
        var draft = new PatchDraft([]);
        foreach (var name in StaffJson.Unknown(Extra))
            draft.Refuse(name, Rules.Unknown, $"can't be changed here; the fields are {string.Join(", ", RequestPatch.Fields)}");

        if (Status.Sent) draft.Status(Status.Value);
        // CONTRACT §11: status follows from status_detail; sending both, they must agree.
        if (StatusDetail.Sent) draft.StatusDetail(StatusDetail.Value);
        if (DuplicateOf.Sent)
        {
            if (DuplicateOf.Wrong) draft.Refuse("duplicate_of", Rules.WrongType, "must be a service_request_id");
            else draft.DuplicateOf(DuplicateOf.Value);
        }
        Text("external_status_code", ExternalStatusCode);
        Text("status_notes", StatusNotes);
        Text("agency_responsible", AgencyResponsible);
        Text("service_notice", ServiceNotice);
        if (ExpectedDatetime.Sent)
        {
            if (ExpectedDatetime.IsNull) draft.ExpectedAt(null);
            else if (ExpectedDatetime.HasValue && dates.TryRead(ExpectedDatetime.Value, out var ms)) draft.ExpectedAt(ms);
            else draft.Refuse("expected_datetime", Rules.NotADatetime, "must be an ISO 8601 datetime such as 2026-12-01T17:00:00Z, or null");
        }
        if (Team.Sent)
        {
            if (Team.Wrong) draft.Refuse("team", Rules.WrongType, "must be a team's id or null");
            else draft.Team(Team.Value);
        }
        if (Assignee.Sent)
        {
            if (Assignee.Wrong) draft.Refuse("assignee", Rules.WrongType, "must be a staff user's email or null");
            else draft.Assignee(Assignee.Value);
        }
        var patch = draft.Finish();
        return (patch, draft.Problems.Select(p => (p.Field, p.Problem)).ToList());

        void Text(string field, Field<string> value)
        {
            if (!value.Sent) return;
            if (value.Wrong) draft.Refuse(field, Rules.WrongType, "must be a string or null");
            else draft.Text(field, value.Value);
        }
    }
}
