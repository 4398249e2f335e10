using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Open311.Tests;

// Issue 26: no cell of the console's CSV is a formula, whichever separator the spreadsheet's locale reads.
public partial class CsvTests
{
    [Theory]
    [Trait("Storage", "none")]
    [InlineData("Smith", "Smith")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("-97.7431", "-97.7431")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1-2", "'+1-2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "\"'\t'=1\"")]
    [InlineData("\r\n", "\"'\r\n\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("Smith;=cmd|' /C calc'!A0", "\"Smith;'=cmd|' /C calc'!A0\"")]
    [InlineData("Smith; \"=cmd\"", "\"Smith; \"\"'=cmd\"\"\"")]
    [InlineData("line one\n@two", "\"line one\n'@two\"")]
    [InlineData("a - b; c", "\"a - b; c\"")]
    public void ACellIsQuotedAndPrefixedWhereAnyLocaleWouldStartAFormula(string? value, string written) =>
        Assert.Equal(written, Csv.Cell(value));

    // The review's case end to end: a resident's last name `Smith;=cmd|...` in an admin's export, read as a
    // spreadsheet in each locale would split it.
    [Fact]
    public async Task AFormulaInALastNameIsNoFormulaInAnySeparatorLocale()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var api = app.CreateClient();
        await api.CreatePotholeAsync(key, ("last_name", "Smith;=cmd|' /C calc'!A0"), ("first_name", "@SUM(1+1)*cmd|' /C calc'!A0"),
            ("email", "x@example.com"), ("description", "deep\n=HYPERLINK(\"http://evil.example\",\"click\")\tand\t+1"));

        var users = app.Get<UserStore>();
        var created = (await users.CreateAsync("ada@example.gov", "Ada Okafor", "admin", "one-time-password-1", Actor.Command))!;
        await users.ChangePasswordAsync(created.User.Id, "one-time-password-1", "correct horse battery");
        var console = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signInPage = await (await console.GetAsync("/console/sign-in")).Content.ReadAsStringAsync();
        var signedIn = await console.PostAsync("/console/sign-in", new FormUrlEncodedContent([new("Email", "ada@example.gov"),
            new("Password", "correct horse battery"), new("__RequestVerificationToken", Token().Match(signInPage).Groups[1].Value)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var export = await console.GetAsync("/console?handler=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.StartsWith("text/csv", export.Content.Headers.ContentType!.ToString());
        var text = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.Contains("Smith;", text);

        foreach (var separator in new[] { ',', ';', '\t' })
        {
            var cells = Read(text, separator).SelectMany(row => row).ToList();
            Assert.True(cells.Count > (separator == ',' ? 20 : 2), $"'{separator}': {cells.Count} cells");
            foreach (var cell in cells)
            {
                var start = cell.TrimStart(' ', '"');
                Assert.False(start.Length > 0 && start[0] is '=' or '+' or '-' or '@' && !double.TryParse(start, System.Globalization.CultureInfo.InvariantCulture, out _),
                    $"read with '{separator}', a formula cell: {cell}");
            }
        }
        // Read with commas, the names are the resident's, behind the one quote mark a spreadsheet does not show.
        var row = Read(text, ',')[1];
        Assert.Contains("Smith;'=cmd|' /C calc'!A0", row);
        Assert.Contains("'@SUM(1+1)*cmd|' /C calc'!A0", row);
    }

    // How a spreadsheet reads CSV with a given separator: a quote opens a quoted cell only at a cell's start.
    static List<List<string>> Read(string text, char separator)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var atStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
                continue;
            }
            if (c == '"' && atStart) { quoted = true; atStart = false; continue; }
            if (c == separator || c == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                atStart = true;
                if (c == '\n') { rows.Add(row); row = []; }
                continue;
            }
            if (c != '\r') cell.Append(c);
            atStart = false;
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add(row); }
        return rows;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
