using System.Globalization;
using System.Text;

namespace Open311;

// Every CSV the server writes (the console's export): RFC 4180 lines that no spreadsheet runs as a formula, whatever
// separator its locale reads (comma in English, semicolon in Spanish or German, tab when pasted).
// - A cell holding a comma, semicolon, tab, quote or line break is quoted.
// - What a spreadsheet reads as a formula (= + - @ at a cell's start, and tab, CR or LF first) gets a ' before it,
//   unless the whole cell is a plain number ("-97.7431"). Quoting alone is not enough in another locale: a reader
//   splitting at ';' starts a cell after every ';' inside a value (and a record after every line break), quoted or
//   not, so `Smith;=cmd|...` would still give a cell `=cmd|...`. The same ' goes wherever such a cell could start:
//   after a , ; tab or line break in the value (spaces and quotes between are skipped).
static class Csv
{
    static readonly char[] Quoted = [',', ';', '\t', '"', '\r', '\n'];

    public static void Line(StringBuilder csv, IEnumerable<string?> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        var cell = new StringBuilder(value.Length + 4);
        if (value[0] is '\t' or '\r' or '\n') cell.Append('\'');
        var cellStart = !number; // a reader in some locale may start a cell here
        foreach (var c in value)
        {
            if (cellStart && c is '=' or '+' or '-' or '@') cell.Append('\'');
            cell.Append(c);
            cellStart = c is ',' or ';' or '\t' or '\r' or '\n' || (cellStart && c is ' ' or '"');
        }
        var text = cell.ToString();
        return text.IndexOfAny(Quoted) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }

    public static string? Number(double? d) => d?.ToString("R", CultureInfo.InvariantCulture);
}
