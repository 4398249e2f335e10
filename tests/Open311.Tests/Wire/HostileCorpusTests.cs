using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Open311.Tests;

// The project's own hostile suite (issue 10, point 6): a corpus of generated requests from a fixed seed, over every
// endpoint (the public API in each suffix, nearby, updates, media, the staff API, the resident site's and the
// console's forms), each mixing what broke servers before: control characters, text XML can't carry, bad UTF-8 and
// bad percent escapes, overlong values, repeated, unknown and wrongly cased parameters, huge numbers, bad dates and
// coordinates, wrong content types and broken bodies. For every case: no 5xx and no stack trace; the answer in the
// format the path asks for (the error list in the suffix's format, problem details on /api/v1, HTML on the web)
// and it parses; HEAD has no body; a refused write stores nothing (rows counted before and after); an accepted
// request reads back byte for byte in JSON and XML. At the end no public answer and no log line holds a key or a
// personal field sent. One host for the whole corpus, on the run's engine.
public class HostileCorpusTests
{
    const int Seed = 3_110;
    const int Cases = 2_400;

    const string Email = "corpus.person@example.org";
    const string Phone = "+1 512 555 0199";

    // A hostile value as it goes into a query string or a urlencoded body (Raw, percent-escaped), and as text when it
    // is text at all (null for bytes that are not UTF-8).
    sealed record Value(string Raw, string? Text)
    {
        public static Value Of(string text) => new(Uri.EscapeDataString(text), text);
    }

    static readonly string[] Texts =
    [
        "pothole", "", " ", "a\u0000b", "\u0001", "bell\u0007", "tab\there", "line\r\nbreak", "\u000B\u000C", "esc\u001B[31m",
        "\u007F", "\u0085", "nonchar\uFFFE", "\uFFFF", "bom\uFEFF", "rtl\u202Eevil", "zero\u200Bwidth", "\u00A0nbsp",
        "e\u0301 combining", "🕳️ emoji", "𝔘𝔫𝔦", "日本語の穴", "' OR 1=1 --", "\"pothole\" NEAR hole", "*", "a AND (b", "%_",
        "NOT", "pot:hole^2", "../../etc/passwd", "..\\..\\boot.ini", "<script>alert(1)</script>", "]]>", "<![CDATA[x]]>",
        "&amp;&#0;&#x1;", "{\"json\":1}", "${jndi:ldap://x}", "{{7*7}}", "null", "undefined", "true", "-1", "0", "1e309",
        "99999999999999999999999999", "-9223372036854775809", "NaN", "Infinity", "-0", "0x1F", "1,5", "2026-13-45",
        "0000-00-00", "9999-12-31T23:59:60Z", "2026-02-30T25:61:00+99:99", "yesterday", "2026-11-01T12:00:00Z",
        "2026-11-01", "2026-11-01T06:00:00-0600", "1970-01-01T00:00:00Z", "91", "-181", "30.2672", "-97.7431",
        "30.2,-97.7", "open", "closed", "OPEN", "open,closed,open", "PWPOTHOL", "pwpothol", "PWPOTHOL,SWSGRAFF,,,",
        "updated_datetime", "requested_datetime", "distance", "26-00000001", "26-1", "alert", "a.b", "cb(1)//",
        "https://example.org/photo.jpg", "javascript:alert(1)", "http://", "ftp://example.org/x",
    ];

    static readonly string[] RawOnly =
    [
        "%ED%A0%80", "%C0%AF", "%FF%FE", "%E2%82", "%F4%90%80%80", "%", "%G1", "%%", "%2", "%00", "%0", "a%00b", "%EF%BF%BE",
        "%C3%28", "%80", "%F8%88%80%80%80", "+", "%2B", "a+b%20c", "%25", "%26x%3Dy",
    ];

    static Value Hostile(Random random)
    {
        var roll = random.Next(100);
        if (roll < 18) return new(RawOnly[random.Next(RawOnly.Length)], null);
        if (roll < 22) return Value.Of(new string("xyzé"[random.Next(4)], random.Next(2) == 0 ? 5_000 : 70_000));
        if (roll < 25) return new(string.Concat(Enumerable.Repeat("%41", random.Next(1, 50_000))), null);
        if (roll < 30) return Value.Of(string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)random.Next(0, 0x30))));
        return Value.Of(Texts[random.Next(Texts.Length)]);
    }

    // One call of the corpus: how to make it, what the answer must look like, and whether it may write.
    enum Door { Public, Staff, Web, Media }

    sealed record Case(int N, HttpMethod Method, string Url, Door Door, HttpClient Client, Func<HttpContent?> Body,
        string? Bearer = null, string? Description = null, string? Address = null)
    {
        public bool Writes => Method != HttpMethod.Get && Method != HttpMethod.Head;
        public override string ToString() => $"#{N} {Method} {(Url.Length > 200 ? Url[..200] + "..." : Url)}";
    }

    sealed class World
    {
        public required Open311App App;
        public required HttpClient Api;
        public required HttpClient Web;
        public required HttpClient Console;
        public required string Client;
        public required string Staff;
        public required string Admin;
        public required string Id;
        public required string Token;
        public required string ReportToken;
        public required string ConsoleToken;
        public required string SignInToken;
    }

    static readonly string[] SearchNames = ["service_request_id", "service_code", "status", "start_date", "end_date", "updated_after",
        "updated_before", "q", "per_page", "page_size", "page", "order", "extensions", "lat", "long", "radius", "bbox", "jurisdiction_id",
        "callback", "api_key", "PER_PAGE", "Service_Code", "unknown", "status[]", "a%00", "%ED%A0%80", ""];
    static readonly string[] Suffixes = ["json", "json", "json", "xml", "xml", "xml", "geojson", "yaml", "JSON", "json%01", ""];
    static readonly string[] PublicFields = ["service_code", "lat", "long", "address_string", "address_id", "description", "email",
        "device_id", "account_id", "first_name", "last_name", "phone", "media_url", "attribute[POTHSIZE]", "attribute[POTHSIZE][]",
        "attribute[NOPE]", "jurisdiction_id", "api_key", "SERVICE_CODE", "unknown"];
    static readonly string[] UpdateFields = ["service_request_id", "update_id", "updated_datetime", "status", "description",
        "first_name", "last_name", "email", "phone", "media_url", "api_key", "unknown"];

    static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    static string Query(Random random, string[] names, int most)
    {
        var pairs = new List<string>();
        for (var i = random.Next(0, most + 1); i > 0; i--)
        {
            var name = Pick(random, names);
            var value = Hostile(random).Raw;
            pairs.Add($"{(name.Contains('%') ? name : Uri.EscapeDataString(name))}={value}");
            if (random.Next(8) == 0) pairs.Add($"{Uri.EscapeDataString(name)}={Hostile(random).Raw}"); // repeated
        }
        if (random.Next(20) == 0) pairs.Add("&&=&%");
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    static string Segment(Random random, string good) => random.Next(3) == 0 ? good : Hostile(random).Raw switch
    {
        "" => "x",
        var raw when raw.Length > 3_000 => raw[..3_000].TrimEnd('%', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'),
        // The in-memory host can't carry NUL in a path (Kestrel's 400 for it is KestrelRefusalTests'): U+0001 instead.
        var raw => raw.Replace("/", "%2F").Replace("%00", "%01"),
    };

    // The fields of a form with a few of them made hostile, dropped, repeated or added; the description and address
    // sent when they are text, to read back.
    static (List<(string Name, string Raw)> Fields, string? Description, string? Address) Mutate(Random random,
        List<(string, string)> valid, string[] names)
    {
        var fields = valid.Select(f => (Name: f.Item1, Raw: Uri.EscapeDataString(f.Item2))).ToList();
        string? description = valid.FirstOrDefault(f => f.Item1 == "description").Item2;
        string? address = valid.FirstOrDefault(f => f.Item1 == "address_string").Item2;
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var name = Pick(random, names);
            var value = Hostile(random);
            switch (random.Next(6))
            {
                case 0: fields.RemoveAll(f => f.Name == name); break;
                case 1: fields.Add((name, value.Raw)); break; // maybe repeated
                default:
                    fields.RemoveAll(f => f.Name == name);
                    fields.Add((name, value.Raw));
                    break;
            }
            if (name == "description") description = fields.Count(f => f.Name == name) == 1 ? value.Text : null;
            if (name == "address_string") address = fields.Count(f => f.Name == name) == 1 ? value.Text : null;
        }
        if (fields.Count(f => f.Name == "description") != 1) description = null;
        if (fields.Count(f => f.Name == "address_string") != 1) address = null;
        return (fields, description, address);
    }

    static Func<HttpContent?> FormBody(Random random, List<(string Name, string Raw)> fields)
    {
        var roll = random.Next(20);
        var urlencoded = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={f.Raw}"));
        if (roll < 15) return () => Raw(urlencoded, "application/x-www-form-urlencoded");
        if (roll < 17)
            return () =>
            {
                var multipart = new MultipartFormDataContent();
                foreach (var (name, raw) in fields)
                {
                    multipart.Add(new ByteArrayContent(Unescape(raw)), name);
                }
                return multipart;
            };
        var contentType = Pick(random, ["application/json", "text/plain", "application/xml", "multipart/form-data", "", "application/x-www-form-urlencoded; charset=latin1"]);
        return () => Raw(contentType == "application/json" ? "{\"service_code\":\"PWPOTHOL\"}" : urlencoded, contentType);
    }

    // The bytes a percent-escaped value stands for, whether or not they are UTF-8 (a stray % stays itself).
    static byte[] Unescape(string raw)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '%' && i + 2 < raw.Length && Uri.IsHexDigit(raw[i + 1]) && Uri.IsHexDigit(raw[i + 2]))
            {
                bytes.Add(Convert.ToByte(raw.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(raw[i] == '+' ? " " : raw[i].ToString()));
        }
        return bytes.ToArray();
    }

    static HttpContent Raw(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType.Length > 0) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    static string StaffJson(Random random)
    {
        var text = Hostile(random).Text ?? "\ud800";
        return random.Next(10) switch
        {
            0 => "{not json",
            1 => "",
            2 => "[]",
            3 => "null",
            4 => $"{{\"service_code\":{JsonSerializer.Serialize(text)},\"service_name\":\"x\"}}",
            5 => $"{{\"status\":{JsonSerializer.Serialize(text)},\"status_notes\":{JsonSerializer.Serialize(text)}}}",
            6 => $"{{\"description\":{JsonSerializer.Serialize(text)},\"public\":{Pick(random, ["true", "\"yes\"", "1", "null"])}}}",
            7 => $"{{\"service_name\":{JsonSerializer.Serialize(text)},\"attributes\":[{{\"code\":{JsonSerializer.Serialize(text)},\"datatype\":\"number\",\"order\":1e309}}]}}",
            8 => $"{{\"name\":{JsonSerializer.Serialize(text)},\"role\":{JsonSerializer.Serialize(Pick(random, ["client", "root", "", "admin"]))},\"per_minute\":{Pick(random, ["-1", "1e12", "\"10\"", "10"])}}}",
            _ => "{\"expected_datetime\":\"" + (Hostile(random).Text ?? "") .Replace("\"", "") + "\",\"agency_responsible\":\"a\\u0000b\"}",
        };
    }

    static Case Generate(int n, Random random, World w)
    {
        var format = Pick(random, Suffixes);
        var key = Pick<string?>(random, [null, null, w.Client, w.Client, w.Staff, "not-a-key", w.Admin]);
        switch (random.Next(20))
        {
            case 0 or 1 or 2:
                return new(n, Get(random), $"/open311/v2/requests.{format}{Query(random, SearchNames, 5)}", Door.Public, w.Api, None, key);
            case 3:
                return new(n, Get(random), $"/open311/v2/requests/{Segment(random, w.Id)}.{format}{Query(random, SearchNames, 2)}", Door.Public, w.Api, None, key);
            case 4:
                return new(n, Get(random), random.Next(2) == 0
                    ? $"/open311/v2/services.{format}{Query(random, ["jurisdiction_id", "lat", "long", "callback", "unknown"], 3)}"
                    : $"/open311/v2/services/{Segment(random, "PWPOTHOL")}.{format}{Query(random, ["extensions", "jurisdiction_id", "callback"], 2)}", Door.Public, w.Api, None, key);
            case 5:
                return new(n, Get(random), $"/open311/v2/requests/nearby.{format}{Query(random, ["service_code", "lat", "long", "extensions", "radius", "callback"], 5)}", Door.Public, w.Api, None, key);
            case 6:
                return new(n, Get(random), random.Next(3) switch
                {
                    0 => $"/open311/v2/tokens/{Segment(random, w.Token)}.{format}",
                    1 => $"/open311/{Pick(random, ["", "v2/"])}discovery.{format}{Query(random, ["callback", "jurisdiction_id"], 2)}",
                    _ => $"/open311/v2/servicerequestupdates.{format}{Query(random, ["start_date", "end_date", "jurisdiction_id", "api_key", "callback"], 4)}",
                }, Door.Public, w.Api, None, key);
            case 7 or 8 or 9 or 10:
            {
                var (fields, description, address) = Mutate(random, Fixtures.Pothole(w.Client, ("email", Email), ("phone", Phone)), PublicFields);
                return new(n, HttpMethod.Post, $"/open311/v2/requests.{format}{Query(random, PublicFields, random.Next(4) == 0 ? 2 : 0)}",
                    Door.Public, w.Api, FormBody(random, fields), random.Next(10) == 0 ? key : null, description, address);
            }
            case 11:
            {
                var valid = new List<(string, string)> { ("api_key", w.Client), ("service_request_id", w.Id), ("update_id", $"fms-{n}"),
                    ("updated_datetime", "2026-11-01T12:00:00Z"), ("status", "OPEN"), ("description", "Still there"), ("email", Email), ("phone", Phone) };
                var (fields, _, _) = Mutate(random, valid, UpdateFields);
                return new(n, HttpMethod.Post, $"/open311/v2/servicerequestupdates.{format}", Door.Public, w.Api, FormBody(random, fields));
            }
            case 12 or 13:
            {
                var path = random.Next(6) switch
                {
                    0 => $"/api/v1/requests{Query(random, SearchNames.Append("status_detail").ToArray(), 4)}",
                    1 => $"/api/v1/requests/{Segment(random, w.Id)}",
                    2 => $"/api/v1/requests/{Segment(random, w.Id)}/history",
                    3 => $"/api/v1/services/{Segment(random, "PWPOTHOL")}{Pick(random, ["", "/area"])}",
                    4 => $"/api/v1/{Pick(random, ["keys", "services", "nothing", "requests/x/photos/1", "requests/x/photos/99999999999999999999"])}{Query(random, ["x", "per_page"], 2)}",
                    _ => $"/api/v1/{Segment(random, "services")}",
                };
                return new(n, Get(random), path, Door.Staff, w.Api, None, Pick<string?>(random, [null, w.Client, w.Staff, w.Staff, w.Admin, "not-a-key"]));
            }
            case 14 or 15:
            {
                var bearer = Pick<string?>(random, [null, w.Client, w.Staff, w.Staff, w.Admin, w.Admin]);
                var (method, path) = random.Next(8) switch
                {
                    0 => (HttpMethod.Post, "/api/v1/services"),
                    1 => (HttpMethod.Put, $"/api/v1/services/{Segment(random, "PWPOTHOL")}"),
                    2 => (HttpMethod.Patch, $"/api/v1/requests/{Segment(random, w.Id)}"),
                    3 => (HttpMethod.Post, $"/api/v1/requests/{Segment(random, w.Id)}/notes"),
                    4 => (HttpMethod.Put, $"/api/v1/services/{Segment(random, "PWPOTHOL")}/area"),
                    5 => (HttpMethod.Post, "/api/v1/keys"),
                    6 => (HttpMethod.Delete, $"/api/v1/{Pick(random, ["services/", "keys/", "services/PWPOTHOL/area"])}{Segment(random, "NOPE")}"),
                    _ => (HttpMethod.Patch, $"/api/v1/keys/{Segment(random, "99999999999")}"),
                };
                var json = StaffJson(random);
                var contentType = Pick(random, ["application/json", "application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "application/geo+json", ""]);
                return new(n, method, path, Door.Staff, w.Api, () => Raw(json, contentType), bearer);
            }
            case 16:
            {
                var bytes = new byte[random.Next(0, 4_000)];
                random.NextBytes(bytes);
                if (random.Next(2) == 0 && bytes.Length > 3) { bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF; } // a JPEG's start, then junk
                var title = Hostile(random);
                return new(n, HttpMethod.Post, $"/api/v1/requests/{Segment(random, w.Id)}/photos", Door.Staff, w.Api, () =>
                {
                    var form = new MultipartFormDataContent();
                    var file = new ByteArrayContent(bytes);
                    file.Headers.TryAddWithoutValidation("Content-Type", Pick(random, ["image/jpeg", "image/png", "text/html", "application/octet-stream"]));
                    form.Add(file, Pick(random, ["file", "file", "media", "FILE"]), Pick(random, ["photo.jpg", "../../x.jpg", "a\u0001.jpg", ".jpg"]));
                    form.Add(new StringContent(title.Text ?? "x"), "title");
                    form.Add(new StringContent(Pick(random, ["true", "false", "maybe"])), "public");
                    return form;
                }, Pick<string?>(random, [null, w.Client, w.Staff, w.Staff]));
            }
            case 17:
                return new(n, Get(random), $"/open311/media/{Segment(random, "0123456789abcdef.jpg")}{Query(random, ["w", "size"], 1)}", Door.Media, w.Api, None);
            case 18:
            {
                var path = random.Next(8) switch
                {
                    0 => $"/{Query(random, ["lang", "q", "unknown"], 2)}",
                    1 => $"/map{Query(random, ["bbox", "service_code", "lat", "long"], 3)}",
                    2 => $"/track/{Segment(random, w.Token)}",
                    3 => $"/report/{Segment(random, "PWPOTHOL")}{Query(random, ["lat", "long", "address_string"], 2)}",
                    4 => $"/report/sent/{Segment(random, w.Token)}",
                    5 => $"/console{Query(random, ["status", "age", "photo", "sort", "page", "bbox", "q", "agency", "handler"], 5)}",
                    6 => $"/console/requests/{Segment(random, w.Id)}{Query(random, ["handler", "photo", "done"], 2)}",
                    _ => $"/console/{Pick(random, ["map", "dashboard", "catalog", "admin/users", "admin/keys"])}{Query(random, ["handler", "bbox", "saved"], 2)}",
                };
                return new(n, Get(random), path, Door.Web, random.Next(4) == 0 ? w.Web : w.Console, None);
            }
            default:
            {
                var which = random.Next(4);
                var (path, client, token, valid) = which switch
                {
                    0 or 1 => ("/report/PWPOTHOL", w.Web, w.ReportToken, new List<(string, string)> { ("address_string", "301 W 2nd St"),
                        ("lat", "30.2672"), ("long", "-97.7431"), ("description", "Deep pothole"), ("attribute[POTHSIZE]", "large"),
                        ("email", Email), ("phone", Phone), ("first_name", "Corpus") }),
                    2 => ($"/console/requests/{w.Id}?handler={Pick(random, ["note", "update", "removePhoto", "nope"])}", w.Console, w.ConsoleToken,
                        new List<(string, string)> { ("version", "1"), ("NoteText", "A note"), ("NoteVisibility", "public"), ("status", "open"),
                            ("StatusNotes", "notes"), ("agency", "Streets"), ("expected", "2026-11-20T10:00"), ("photo", "1") }),
                    _ => ("/console/sign-in", w.Web, w.SignInToken, new List<(string, string)> { ("Email", Email), ("Password", "wrong password") }),
                };
                valid.Add(("__RequestVerificationToken", random.Next(10) == 0 ? "forged" : token));
                var names = valid.Select(f => f.Item1).Concat(["unknown", "website", "media"]).ToArray();
                var (fields, _, _) = Mutate(random, valid, names);
                return new(n, HttpMethod.Post, path, Door.Web, client, FormBody(random, fields));
            }
        }
    }

    static HttpMethod Get(Random random) => random.Next(12) == 0 ? HttpMethod.Head : HttpMethod.Get;

    static HttpContent? None() => null;

    static readonly string[] Counted = ["requests", "request_attributes", "request_notes", "request_photos", "request_changes",
        "services", "service_attributes", "api_keys", "client_updates", "staff_users"];

    static async Task<string> RowsAsync(Open311App app)
    {
        await using var connection = await app.Get<Database>().OpenAsync();
        var counts = await connection.QuerySingleAsync<string>(
            "SELECT " + string.Join(" || ',' || ", Counted.Select(t => $"CAST((SELECT count(*) FROM {t}) AS TEXT)")));
        return counts;
    }

    static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task TwoThousandFourHundredGeneratedHostileCallsAnswerInTheirFormatWithNo5xxAndRefusedWritesStoreNothing()
    {
        await using var app = new Open311App(new() { ["Open311:Web:ReportsPerHour"] = "100000" });
        var api = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var web = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var console = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var clientKey = await app.KeyAsync();
        var staffKey = await app.KeyAsync("staff", name: "corpus staff");
        var adminKey = await app.KeyAsync("admin", name: "corpus admin");
        var (id, token) = await api.CreatePotholeAsync(clientKey, ("email", Email), ("phone", Phone));

        // The console signed in over HTTP as a browser would, and each form's antiforgery token read from its page.
        var users = app.Get<UserStore>();
        var created = (await users.CreateAsync("corpus.staff@example.gov", "Corpus Staff", "admin", "one-time-password-1", Actor.Command))!;
        await users.ChangePasswordAsync(created.User.Id, "one-time-password-1", "correct horse battery");
        var signInPage = await (await console.GetAsync("/console/sign-in")).Content.ReadAsStringAsync();
        var signedIn = await console.PostAsync("/console/sign-in", new FormUrlEncodedContent([new("Email", "corpus.staff@example.gov"),
            new("Password", "correct horse battery"), new("__RequestVerificationToken", Token(signInPage))]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var world = new World
        {
            App = app, Api = api, Web = web, Console = console, Client = clientKey, Staff = staffKey, Admin = adminKey, Id = id, Token = token,
            ReportToken = Token(await (await web.GetAsync("/report/PWPOTHOL")).Content.ReadAsStringAsync()),
            ConsoleToken = Token(await (await console.GetAsync($"/console/requests/{id}")).Content.ReadAsStringAsync()),
            SignInToken = Token(await (await web.GetAsync("/console/sign-in")).Content.ReadAsStringAsync()),
        };
        Assert.All(new[] { world.ReportToken, world.ConsoleToken, world.SignInToken }, t => Assert.NotEmpty(t));

        var random = new Random(Seed);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var accepted = 0;
        for (var n = 0; n < Cases && failures.Count < 20; n++)
        {
            var call = Generate(n, random, world);
            var before = call.Writes ? await RowsAsync(app) : null;
            var message = new HttpRequestMessage(call.Method, call.Url) { Content = call.Body() };
            if (call.Bearer is not null) message.Headers.TryAddWithoutValidation("Authorization", $"Bearer {call.Bearer}");
            // A browser asks for HTML; a web path called without it is answered in the API's XML (WebPaths.WantsPage).
            if (call.Door == Door.Web) message.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml");
            Reply reply;
            try
            {
                reply = await call.Client.SendAsync(message).ReplyAsync();
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or UriFormatException)
            {
                failures.Add($"{call}: the call failed: {e.GetType().Name}: {e.Message}");
                continue;
            }
            var status = (int)reply.Status;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            foreach (var problem in Problems(call, reply)) failures.Add($"{call}: {status} {reply.ContentType}: {problem}");
            if (before is not null)
            {
                var refused = call.Door == Door.Web ? status != 302 && status != 303 : status >= 300;
                var after = await RowsAsync(app);
                if (refused && after != before) failures.Add($"{call}: refused with {status} but rows changed {before} -> {after}");
                if (!refused && call.Door == Door.Public && call.Url.StartsWith("/open311/v2/requests.") && status == 200)
                {
                    accepted++;
                    foreach (var problem in await ReadBackAsync(api, reply, call)) failures.Add($"{call}: {problem}");
                }
            }
        }

        // Nothing private anywhere: no key in a public answer was checked per call; no key or personal field in a log line.
        foreach (var line in app.Logs)
            foreach (var secret in new[] { clientKey, staffKey, adminKey, Email, Phone, "correct horse battery" })
                if (line.Contains(secret)) failures.Add($"a log line holds a secret or personal field: {line[..Math.Min(200, line.Length)]}");

        Assert.True(failures.Count == 0, $"{failures.Count} failures (statuses {string.Join(", ", statuses.Select(s => $"{s.Key}:{s.Value}"))}):\n"
            + string.Join("\n", failures.Take(20)) + "\n" + string.Join("\n", app.Logs.Where(l => l.Contains("Exception")).Take(3)));
        // The corpus reaches past the door: some writes accepted, refusals of each kind, pages and answers.
        Assert.True(accepted > 20, $"only {accepted} requests were accepted");
        Assert.True(statuses.GetValueOrDefault(200) > 200 && statuses.GetValueOrDefault(400) > 300 && statuses.GetValueOrDefault(403) > 50
            && statuses.GetValueOrDefault(404) > 50, string.Join(", ", statuses.Select(s => $"{s.Key}:{s.Value}")));
    }

    static IEnumerable<string> Problems(Case call, Reply reply)
    {
        var status = (int)reply.Status;
        if (status >= 500) yield return "a 5xx";
        if (reply.Body.Contains("Exception") || reply.Body.Contains("   at Open311.")) yield return "a stack trace";
        if (call.Method == HttpMethod.Head)
        {
            if (reply.Body.Length > 0) yield return "HEAD with a body";
            yield break;
        }
        if (call.Door is Door.Public or Door.Media)
            foreach (var secret in new[] { Email, Phone })
                if (reply.Body.Contains(secret)) yield return "a personal field in a public answer";
        var type = reply.ContentType;
        switch (call.Door)
        {
            case Door.Public or Door.Media:
            {
                var path = call.Url.Split('?')[0];
                // A suffix in other letters (.JSON) is not offered (404 in XML), though a refusal before routing reads it as JSON.
                var suffix = path[(path.LastIndexOf('.') + 1)..];
                if (suffix is "JSON" && (type.StartsWith("application/json") || type.StartsWith("application/javascript"))) suffix = "json";
                var expected = status == 200 && call.Door == Door.Media ? "image/"
                    : suffix == "json" ? (type.StartsWith("application/javascript") ? "application/javascript" : "application/json")
                    : suffix == "geojson" ? (type.StartsWith("application/geo+json") ? "application/geo+json" : "application/json")
                    : "text/xml";
                if (call.Door == Door.Media && status != 200 && (type.StartsWith("application/json") || type.StartsWith("text/xml"))) expected = type;
                if (!type.StartsWith(expected)) yield return $"expected {expected}";
                break;
            }
            case Door.Staff:
                if (status >= 400 && !type.StartsWith("application/problem+json")) yield return "a staff refusal not in problem details";
                if (status is >= 200 and < 300 && status != 204 && !type.StartsWith("application/json") && !type.StartsWith("application/geo+json") && !type.StartsWith("image/"))
                    yield return "a staff answer not in JSON";
                break;
            case Door.Web:
                if (status is 200 or 400 or 404 && reply.Body.Length > 0 && !type.StartsWith("text/html") && !type.StartsWith("text/csv") && !type.StartsWith("application/json"))
                    yield return "a web answer that is not HTML";
                break;
        }
        if (ParseProblem(type, reply.Body) is { } parse) yield return parse;
    }

    static string? ParseProblem(string type, string body)
    {
        if (body.Length == 0) return null;
        try
        {
            if (type.StartsWith("application/json") || type.StartsWith("application/problem+json") || type.StartsWith("application/geo+json"))
                JsonDocument.Parse(body).Dispose();
            else if (type.StartsWith("text/xml"))
            {
                using var reader = XmlReader.Create(new StringReader(body));
                while (reader.Read()) { }
            }
            else if (type.StartsWith("application/javascript") && !body.StartsWith("/**/")) return "JSONP without its guard";
            return null;
        }
        catch (Exception e) when (e is JsonException or XmlException)
        {
            return $"does not parse: {e.Message}";
        }
    }

    // An accepted request, read back in JSON and XML: its description and address exactly as sent.
    static async Task<IEnumerable<string>> ReadBackAsync(HttpClient api, Reply reply, Case call)
    {
        var problems = new List<string>();
        var id = reply.ContentType.StartsWith("text/xml")
            ? (string)reply.Xml.Element("request")!.Element("service_request_id")!
            : reply.Json[0].GetProperty("service_request_id").GetString()!;
        var json = (await api.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0];
        var xml = (await api.FetchAsync($"/open311/v2/requests/{id}.xml")).Xml.Element("request")!;
        foreach (var (field, wire, given) in new[] { ("description", "description", call.Description), ("address_string", "address", call.Address) })
        {
            // Values are trimmed of white space at both ends (char.IsWhiteSpace: U+0085 and U+00A0 too); else byte for byte.
            var sent = given?.Trim();
            if (string.IsNullOrEmpty(sent)) continue;
            var fromJson = json.GetProperty(wire).GetString();
            var fromXml = (string?)xml.Element(wire);
            if (fromJson != sent) problems.Add($"{field} read back in JSON as {JsonSerializer.Serialize(fromJson)}, sent {JsonSerializer.Serialize(sent)}");
            if (fromXml != sent) problems.Add($"{field} read back in XML as {JsonSerializer.Serialize(fromXml)}, sent {JsonSerializer.Serialize(sent)}");
        }
        return problems;
    }
}
