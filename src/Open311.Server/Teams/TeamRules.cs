namespace Open311;

// What a team may be: the rules of the staff API's body and the admin command alike, by the wire's field names.
static class TeamRules
{
    public static (TeamChange Change, List<(string, string)> Problems) Check(bool creating,
        Field<string> Id, Field<string> Name, Field<string> PublicName, Field<string> Email, Field<List<string>> Members)
    {
        var problems = new List<(string, string)>();
        string? id = null, name = null, publicName = null, email = null;
        var clearEmail = false;
        List<string>? members = null;
        if (Id.Sent)
        {
            if (!creating) problems.Add(("id", "can't be changed: a team keeps its id"));
            else if (TeamStore.IsId(Id.Value)) id = Id.Value;
            else problems.Add(("id", "must be 1 to 40 lower-case letters, digits or hyphens, starting with a letter or digit"));
        }
        if (Name.Sent)
        {
            if (Name.Value?.Trim() is { Length: >= 1 and <= 100 } text) name = text;
            else problems.Add(("name", "must be 1 to 100 characters"));
        }
        else if (creating) problems.Add(("name", "is required: what staff call the team"));
        if (PublicName.Sent)
        {
            if (PublicName.Value?.Trim() is { Length: >= 1 and <= 200 } text) publicName = text;
            else problems.Add(("public_name", "must be 1 to 200 characters: what agency_responsible shows the public"));
        }
        if (Email.Sent)
        {
            if (Email.IsNull && !creating) clearEmail = true;
            else if (Email.Value?.Trim() is { Length: >= 3 and <= 254 } text && text.Contains('@') && !text.Any(char.IsWhiteSpace)) email = text;
            else if (!Email.IsNull) problems.Add(("email", "must be an email address of at most 254 characters"));
        }
        if (Members.Sent)
        {
            if (Members.IsNull || Members.Wrong || Members.Value is null) problems.Add(("members", "must be a list of staff users' emails"));
            else if (Members.Value.Count > 500) problems.Add(("members", "has more than 500 members"));
            else members = Members.Value;
        }
        if (!creating && problems.Count == 0 && name is null && publicName is null && email is null && !clearEmail && members is null)
            problems.Add(("body", "changes nothing; send name, public_name, email or members"));
        return (new TeamChange(id, name, publicName, email, clearEmail, members), problems);
    }
}
