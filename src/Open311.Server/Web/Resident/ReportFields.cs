using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Open311;

// One question of the report form, made from the service's attribute definition (CONTRACT §12: its label is the
// definition's description), with what the resident answered and the error beside it, if any.
sealed record Question(AttributeRow Attribute, string Id, string Name, IReadOnlyList<string> Answers, string? Error)
{
    public bool IsGroup => Attribute.Datatype is Datatypes.MultiValueList || (Attribute.Datatype is Datatypes.SingleValueList && Attribute.Values.Count <= 6);
    public string ErrorId => $"{Id}-error";
    public string? Answer => Answers.FirstOrDefault();
}

// The fields of the report form, their ids, and the Submission rules' problems said in the resident's language.
static class ReportFields
{
    public static string IdOf(string field) => field switch
    {
        "address_string" => "address",
        "media" => "media",
        _ when field.StartsWith("media[", StringComparison.Ordinal) => "media",
        _ when Submission.AttributeKey().Match(field) is { Success: true } m => $"attr-{m.Groups[1].Value}",
        _ => field,
    };

    // The fields the site takes from its form: the API's names, so the same rules read them; nothing else
    // (media_url, device_id, account_id, channel are not the site's to set).
    public static readonly string[] Taken = ["lat", "long", "address_string", "description", "email", "phone", "first_name", "last_name"];

    public static string Message(FieldProblem problem, ServiceEntry service, IStringLocalizer<Text> text)
    {
        var label = LabelOf(problem.Field, service, text);
        object? limit = problem.Rule == Rules.PhotoTooLarge && problem.Limit is long bytes
            ? Math.Round(bytes / 1048576.0, 1).ToString(CultureInfo.InvariantCulture)
            : problem.Rule == Rules.PhotoTooManyPixels && problem.Limit is long pixels
            ? Math.Round(pixels / 1e6, 1).ToString(CultureInfo.InvariantCulture)
            : problem.Limit is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : problem.Limit;
        var message = text[$"Err_{problem.Rule}", label, limit ?? ""];
        return message.ResourceNotFound ? text["Err_other", label] : message;
    }

    static string LabelOf(string field, ServiceEntry service, IStringLocalizer<Text> text) => field switch
    {
        "lat" => text["Latitude"],
        "long" => text["Longitude"],
        "address_string" => text["AddressLabel"],
        "description" => text["DescriptionLabel"],
        "email" => text["Email"],
        "phone" => text["Phone"],
        "first_name" => text["FirstName"],
        "last_name" => text["LastName"],
        _ when field.StartsWith("media", StringComparison.Ordinal) => text["PhotosLabel"],
        _ when Submission.AttributeKey().Match(field) is { Success: true } m && service.Attribute(m.Groups[1].Value) is { } a => a.Description,
        _ => field,
    };
}
