using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace Open311;

// The parameters of POST /requests, from the form body or the query string; the body wins (CONTRACT §4).
sealed class SubmittedFields(IFormCollection form, IQueryCollection query)
{
    public string? this[string name] => Values(name) is { Count: > 0 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;

    public StringValues Values(string name)
    {
        var values = form.TryGetValue(name, out var fromForm) && fromForm.Count > 0 ? fromForm : query[name];
        // CONTRACT §11: FixMyStreet spells device_id without the underscore.
        return values.Count == 0 && Aliases.TryGetValue(name, out var alias) ? Values(alias) : values;
    }

    static readonly Dictionary<string, string> Aliases = new() { ["device_id"] = "deviceid" };

    // Fields that take one value and were sent more than once (in the body, or in the query string): refused,
    // as a repeated GET parameter is, rather than one of the values taken silently. Attributes, media files and
    // media_url links (CONTRACT §11: FixMyStreet sends several) may repeat.
    public IEnumerable<string> Repeated() =>
        form.Concat(query).Where(p => p.Value.Count > 1 && p.Key is not ("media" or "media_url") && !Submission.AttributeKey().IsMatch(p.Key))
            .Select(p => p.Key).Distinct();

    // attribute[CODE]=v, attribute[CODE][]=v, or attribute[CODE] repeated (mySociety's clients).
    // A code answered in the body ignores the query string's answer.
    public Dictionary<string, List<string>> Attributes()
    {
        var answers = Collect(form);
        foreach (var (code, values) in Collect(query)) answers.TryAdd(code, values);
        return answers;
    }

    static Dictionary<string, List<string>> Collect(IEnumerable<KeyValuePair<string, StringValues>> source)
    {
        var answers = new Dictionary<string, List<string>>();
        foreach (var (name, values) in source)
        {
            var m = Submission.AttributeKey().Match(name);
            if (!m.Success) continue;
            var code = m.Groups[1].Value;
            if (!answers.TryGetValue(code, out var list)) answers[code] = list = [];
            list.AddRange(values.Where(v => !string.IsNullOrEmpty(v))!);
        }
        return answers;
    }
}

sealed record NewRequest(
    ServiceEntry Service,
    double? Lat,
    double? Long,
    string? Address,
    string? AddressId,
    string? Email,
    string? DeviceId,
    string? AccountId,
    string? FirstName,
    string? LastName,
    string? Phone,
    string? Description,
    string? MediaUrl,
    string Channel,
    IReadOnlyList<(string Code, IReadOnlyList<string> Values)> Answers,
    // CONTRACT §11: media_url repeated, the links after the first.
    IReadOnlyList<string>? MoreMediaUrls = null);

// One problem with a submitted field: the field's name as sent, which rule it broke (so that the resident site can
// say it in the resident's language beside the field), the rule's English words and the number it names, if any.
sealed record FieldProblem(string Field, string Rule, string Problem, object? Limit = null, int Status = 400)
{
    public Open311Error ToError() => new(Status, $"{Field} {Problem}");
}

// The rules a FieldProblem names.
static class Rules
{
    public const string Required = "required";
    public const string TooLong = "too_long";
    public const string ControlCharacters = "control_characters";
    public const string Inactive = "inactive";
    public const string LocationRequired = "location_required";
    public const string PairRequired = "pair_required";
    public const string NotANumber = "not_a_number";
    public const string OutOfRange = "out_of_range";
    public const string OutsideJurisdiction = "outside_jurisdiction";
    public const string NotOfferedHere = "not_offered_here";
    public const string NotAnEmail = "not_an_email";
    public const string NotAUrl = "not_a_url";
    public const string Channel = "channel";
    public const string OneValue = "one_value";
    public const string NotADatetime = "not_a_datetime";
    public const string NotAChoice = "not_a_choice";
    public const string Photo = "photo";
    public const string PhotoTooLarge = "photo_too_large";
    public const string PhotoTooManyPixels = "photo_too_many_pixels";
    public const string TooManyPhotos = "too_many_photos";
    // The rules of a change to a request (Casework).
    public const string Unknown = "unknown";
    public const string WrongType = "wrong_type";
    public const string Disagrees = "disagrees";
    public const string GoesWith = "goes_with";
    public const string Nothing = "nothing";
}

// Every rule of CONTRACT §4, checked at once: all problems are listed in one answer.
static partial class Submission
{
    [GeneratedRegex(@"^attribute\[([^\]]+)\](?:\[\])?$")]
    public static partial Regex AttributeKey();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex ChannelName();

    public const int MaxDescription = 4000;

    // Every other text field is bounded too.
    public const int MaxMediaUrls = 10;

    static readonly Dictionary<string, int> Limits = new()
    {
        ["address_string"] = 500,
        ["address_id"] = 100,
        ["email"] = 254,
        ["device_id"] = 100,
        ["account_id"] = 100,
        ["first_name"] = 100,
        ["last_name"] = 100,
        ["phone"] = 40,
        ["description"] = MaxDescription,
        ["media_url"] = 2048,
    };

    public static (NewRequest? Request, List<FieldProblem> Errors) Parse(SubmittedFields fields, ServiceEntry service,
        Open311Options options, DateCodec dates, Boundary? boundary = null)
    {
        var errors = new List<FieldProblem>();
        void Bad(string parameter, string rule, string problem, object? limit = null) => errors.Add(new FieldProblem(parameter, rule, problem, limit));

        var texts = new Dictionary<string, string?>();
        foreach (var (name, limit) in Limits)
        {
            var value = fields[name]?.Trim();
            if (value is { Length: 0 }) value = null;
            if (value is not null && value.Length > limit) Bad(name, Rules.TooLong, $"must be at most {limit} characters", limit);
            else if (value is not null && HasControlCharacters(value, allowNewlines: name == "description"))
                Bad(name, Rules.ControlCharacters, "must not contain control characters");
            texts[name] = value;
        }

        if (!service.Service.Active)
            Bad("service_code", Rules.Inactive, $"{service.Service.ServiceCode} is not accepting new requests"
                + (string.IsNullOrWhiteSpace(service.Service.Notice) ? "" : $": {service.Service.Notice}"));

        var (lat, lon) = Location(fields["lat"], fields["long"], options.Bounds, boundary?.Area, Bad);
        // CONTRACT §10: a service limited to an area of its own takes requests there only.
        if (lat is { } la && lon is { } lo && !service.OffersAt(la, lo))
            Bad("service_code", Rules.NotOfferedHere, $"{service.Service.ServiceCode} is not offered at this location (lat {la}, long {lo})"
                + (string.IsNullOrWhiteSpace(service.Service.Notice) ? "" : $": {service.Service.Notice}"));
        if (lat is null && lon is null && texts["address_string"] is null && texts["address_id"] is null
            && fields["lat"] is null && fields["long"] is null)
            Bad("lat", Rules.LocationRequired, "and long, address_string or address_id is required: a request needs a location");

        if (texts["email"] is { } email && !Email().IsMatch(email)) Bad("email", Rules.NotAnEmail, "is not an email address");
        if (texts["media_url"] is { } url && !IsWebUrl(url))
            Bad("media_url", Rules.NotAUrl, "must be an absolute http or https URL");
        // CONTRACT §11: media_url may repeat (FixMyStreet sends one per photo); each is checked as the first is.
        var more = fields.Values("media_url").Skip(1).Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        if (more.Count + 1 > MaxMediaUrls) Bad("media_url", Rules.TooManyPhotos, $"may be sent at most {MaxMediaUrls} times", MaxMediaUrls);
        foreach (var (link, i) in more.Select((l, i) => (l, i + 1)))
            if (link.Length > Limits["media_url"]) Bad($"media_url[{i}]", Rules.TooLong, $"must be at most {Limits["media_url"]} characters", Limits["media_url"]);
            else if (!IsWebUrl(link)) Bad($"media_url[{i}]", Rules.NotAUrl, "must be an absolute http or https URL");

        var channel = fields["channel"] ?? "open311";
        if (!ChannelName().IsMatch(channel)) Bad("channel", Rules.Channel, "must be 1 to 32 lower-case letters, digits, '_' or '-'");

        var answers = Answers(fields.Attributes(), service, dates, Bad);

        if (errors.Count > 0) return (null, errors);
        return (new NewRequest(service, lat, lon, texts["address_string"], texts["address_id"], texts["email"],
            texts["device_id"], texts["account_id"], texts["first_name"], texts["last_name"], texts["phone"],
            texts["description"], texts["media_url"], channel, answers, more.Count > 0 ? more : null), errors);
    }

    static bool IsWebUrl(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    // CONTRACT §10: inside the boundary when one is configured, else inside the bounding box of §4.
    static (double? Lat, double? Long) Location(string? latText, string? longText, BoundsOptions? bounds, GeoArea? boundary,
        Action<string, string, string, object?> bad)
    {
        if (latText is null && longText is null) return (null, null);
        var lat = latText is null ? null : Coordinate("lat", latText, 90, bad);
        var lon = longText is null ? null : Coordinate("long", longText, 180, bad);
        if (latText is null) bad("lat", Rules.PairRequired, "is required with long", null);
        if (longText is null) bad("long", Rules.PairRequired, "is required with lat", null);
        if (lat is null || lon is null) return (null, null);
        if (boundary is not null)
        {
            if (boundary.Contains(lat.Value, lon.Value)) return (lat, lon);
            bad("lat", Rules.OutsideJurisdiction, "and long must be inside the jurisdiction's boundary", null);
            return (null, null);
        }
        if (bounds is not null && !bounds.Contains(lat.Value, lon.Value))
        {
            bad("lat", Rules.OutsideJurisdiction,
                $"and long must be inside the jurisdiction ({bounds.South} to {bounds.North} N, {bounds.West} to {bounds.East} E)", null);
            return (null, null);
        }
        return (lat, lon);
    }

    static double? Coordinate(string name, string text, double limit, Action<string, string, string, object?> bad)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            bad(name, Rules.NotANumber, $"must be a decimal number, not '{Lists.Clip(text)}'", null);
            return null;
        }
        if (Math.Abs(value) > limit)
        {
            bad(name, Rules.OutOfRange, $"must be from -{limit} to {limit}", limit);
            return null;
        }
        return value;
    }

    static List<(string, IReadOnlyList<string>)> Answers(Dictionary<string, List<string>> submitted, ServiceEntry service,
        DateCodec dates, Action<string, string, string, object?> bad)
    {
        var answers = new List<(string, IReadOnlyList<string>)>();
        // Informational attributes (variable false) are not submitted; unknown codes are ignored.
        foreach (var a in service.Attributes.Where(a => a.Variable))
        {
            var name = $"attribute[{a.Code}]";
            var values = submitted.GetValueOrDefault(a.Code)?.Select(v => v.Trim()).Where(v => v.Length > 0).ToList() ?? [];
            if (values.Count == 0)
            {
                if (a.Required) bad(name, Rules.Required, "is required", null);
                continue;
            }
            if (a.Datatype != Datatypes.MultiValueList && values.Count > 1) { bad(name, Rules.OneValue, "takes one value", null); continue; }
            var value = values[0];
            switch (a.Datatype)
            {
                case Datatypes.Number:
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                        bad(name, Rules.NotANumber, $"must be a number, not '{Lists.Clip(value)}'", null);
                    break;
                case Datatypes.Datetime:
                    if (dates.TryRead(value, out var ms)) values[0] = dates.Format(ms);
                    else bad(name, Rules.NotADatetime, $"must be an ISO 8601 datetime, not '{Lists.Clip(value)}'", null);
                    break;
                case Datatypes.String or Datatypes.Text:
                    var limit = a.Datatype == Datatypes.Text ? MaxDescription : 500;
                    if (value.Length > limit) bad(name, Rules.TooLong, $"must be at most {limit} characters", limit);
                    else if (HasControlCharacters(value, allowNewlines: a.Datatype == Datatypes.Text))
                        bad(name, Rules.ControlCharacters, "must not contain control characters", null);
                    break;
                default:
                    values = values.Distinct().ToList();
                    foreach (var key in values.Where(k => a.NameOf(k) is null))
                        bad(name, Rules.NotAChoice, $"must be one of {string.Join(", ", a.Values.Select(v => v.Key))}, not '{Lists.Clip(key)}'", null);
                    break;
            }
            answers.Add((a.Code, values));
        }
        return answers;
    }

    // Stricter than TextRules, which the form body has passed already: one-line fields take no tab or newline,
    // and no field takes C1 controls or DEL.
    static bool HasControlCharacters(string value, bool allowNewlines) =>
        !TextRules.IsAllowed(value) || value.Any(c => char.IsControl(c) && !(allowNewlines && c is '\n' or '\r' or '\t'));
}
