using System.CommandLine;

namespace Open311;

// Teams from the command line, for an operator who scripts a city's set-up: list, create, change.
static class TeamCommands
{
    public static Command Build(IServiceProvider services)
    {
        var teams = new Command("teams", "List, create and change the teams that work requests.");
        var store = () => services.GetRequiredService<TeamStore>();

        var list = new Command("list", "List teams with their members' emails.");
        list.SetAction(async (_, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            Console.WriteLine("id\tname\tpublic name\temail\tmembers");
            foreach (var t in await store().ListAsync(ct))
                Console.WriteLine($"{t.Id}\t{t.Name}\t{t.PublicName}\t{t.Email}\t{string.Join(",", t.Members)}");
            return 0;
        });
        teams.Subcommands.Add(list);

        var name = new Option<string>("--name") { Description = "What staff call the team" };
        var publicName = new Option<string>("--public-name") { Description = "What agency_responsible shows the public (default: the name)" };
        var email = new Option<string>("--email") { Description = "The team's email address" };
        var members = new Option<string>("--members") { Description = "Staff users' emails, comma-separated: the whole list of members" };
        var idOption = new Option<string>("--id") { Description = "The team's id: lower-case letters, digits, hyphens (default: from the name)" };

        var create = new Command("create", "Create a team.") { idOption, name, publicName, email, members };
        name.Required = false;
        create.SetAction(async (parse, ct) =>
        {
            var body = Body(parse, idOption, name, publicName, email, members);
            return await RunAsync(services, body, creating: true, null, ct);
        });
        teams.Subcommands.Add(create);

        var id = new Argument<string>("id") { Description = "The team's id, from `teams list`" };
        var update = new Command("update", "Change a team's name, public name, email or members (--members replaces the list).") { id, name, publicName, email, members };
        update.SetAction(async (parse, ct) =>
        {
            var body = Body(parse, null, name, publicName, email, members);
            return await RunAsync(services, body, creating: false, parse.GetValue(id), ct);
        });
        teams.Subcommands.Add(update);
        return teams;
    }

    static (TeamChange, List<(string, string)>) Body(ParseResult parse, Option<string>? id, Option<string> name, Option<string> publicName, Option<string> email, Option<string> members)
    {
        static Field<T> Of<T>(T? value) where T : class => value is null ? default : new(true, false, value, false);
        var list = parse.GetValue(members) is { } m ? m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() : null;
        return TeamRules.Check(creating: id is not null, id is null ? default : Of(parse.GetValue(id)), Of(parse.GetValue(name)),
            Of(parse.GetValue(publicName)), Of(parse.GetValue(email)), Of(list));
    }

    // The same checks as the staff API's; each problem on its own line of standard error, exit 1.
    static async Task<int> RunAsync(IServiceProvider services, (TeamChange, List<(string, string)>) checkedBody, bool creating, string? id, CancellationToken ct)
    {
        var (change, problems) = checkedBody;
        if (problems.Count > 0) return Refuse(problems.Select(p => $"{Option(p.Item1)} {p.Item2}"));
        await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
        var store = services.GetRequiredService<TeamStore>();
        var (team, refused) = creating ? await store.CreateAsync(change, Actor.Command, ct) : await store.UpdateAsync(id!, change, Actor.Command, ct);
        if (team is null && refused.Count == 0) return Refuse([$"No team has id {id}."]);
        if (team is null) return Refuse(refused.Select(p => $"{Option(p.Field)} {p.Message}"));
        Console.WriteLine($"{(creating ? "Created" : "Changed")} team {team.Id}: {team.Name} ({team.Members.Count} members).");
        return 0;
    }

    static string Option(string field) => field switch
    {
        "body" => "The command",
        _ => "--" + field.Split('[')[0].Replace('_', '-'),
    };

    static int Refuse(IEnumerable<string> lines)
    {
        foreach (var line in lines) Console.Error.WriteLine(line);
        return 1;
    }
}
