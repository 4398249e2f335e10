using Microsoft.Extensions.Localization;

namespace Open311;

// How the console says a status: open and closed in the page's language, any other (issue 13's extended
// statuses, once StaffStatuses lists them) as Status_{name} when the resource files have it, else as it is.
static class ConsoleText
{
    public static string Status(IStringLocalizer text, string status) => status switch
    {
        "open" => text["StatusOpen"],
        "closed" => text["StatusClosed"],
        _ => text["Status_" + status] is { ResourceNotFound: false } found ? found : status,
    };
}
