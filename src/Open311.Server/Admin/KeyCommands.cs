using System.CommandLine;

namespace Open311;

static class KeyCommands
{
    public static Command Build(IServiceProvider services)
    {
        var keys = new Command("keys", "Create, list, change and revoke API keys.");
        var store = () => services.GetRequiredService<KeyStore>();

        var name = new Option<string>("--name") { Description = "Who the key is for (an application or a person)", Required = true };
        RefuseBadText(name);
        var role = new Option<string>("--role") { Description = "client, staff or admin", DefaultValueFactory = _ => Roles.Client };
        role.AcceptOnlyFromAmong(Roles.All);
        var perMinute = PerMinuteOption();
        var create = new Command("create", "Create a key; the key itself is printed once, alone on the last line.") { name, role, perMinute };
        create.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            var created = await store().CreateAsync(parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(perMinute), Actor.Command, ct);
            Console.WriteLine($"Created key {created.Key.Id} for {created.Key.Name} ({created.Key.Role}"
                + $"{(created.Key.PerMinute is { } n ? $", {n} per minute" : ", the default limit")}). Keep it safe: it is not shown again.");
            Console.WriteLine(created.Secret);
            return 0;
        });
        keys.Subcommands.Add(create);

        var list = new Command("list", "List keys (never their secrets).");
        list.SetAction(async (_, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            Console.WriteLine("id\tprefix\trole\tper_minute\tstatus\tname");
            foreach (var k in await store().ListAsync(ct))
                Console.WriteLine($"{k.Id}\t{k.KeyPrefix}\t{k.Role}\t{k.PerMinute?.ToString() ?? "default"}\t{(k.RevokedAt is null ? "active" : "revoked")}\t{k.Name}");
            return 0;
        });
        keys.Subcommands.Add(list);

        var id = new Argument<long>("id") { Description = "The key's id, from `keys list`" };
        var setRole = new Option<string?>("--role") { Description = "client, staff or admin" };
        setRole.AcceptOnlyFromAmong(Roles.All);
        var setLimit = PerMinuteOption();
        var defaultLimit = new Option<bool>("--default-limit") { Description = "Put the key back on Open311:RateLimits:KeyPerMinute" };
        var setName = new Option<string?>("--name") { Description = "A new name" };
        RefuseBadText(setName);
        var set = new Command("set", "Change a key's name, role or per-minute limit.") { id, setName, setRole, setLimit, defaultLimit };
        set.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            var key = await store().UpdateAsync(parse.GetValue(id), parse.GetValue(setName), parse.GetValue(setRole),
                parse.GetValue(setLimit), parse.GetValue(defaultLimit), Actor.Command, ct);
            if (key is null) { Console.Error.WriteLine($"No active key has id {parse.GetValue(id)}."); return 1; }
            Console.WriteLine($"Key {key.Id}: {key.Name}, {key.Role}, {key.PerMinute?.ToString() ?? "default"} per minute.");
            return 0;
        });
        keys.Subcommands.Add(set);

        var revokeId = new Argument<long>("id") { Description = "The key's id, from `keys list`" };
        var revoke = new Command("revoke", "Revoke a key at once.") { revokeId };
        revoke.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            if (!await store().RevokeAsync(parse.GetValue(revokeId), Actor.Command, ct))
            {
                Console.Error.WriteLine($"No active key has id {parse.GetValue(revokeId)}.");
                return 1;
            }
            Console.WriteLine($"Key {parse.GetValue(revokeId)} is revoked.");
            return 0;
        });
        keys.Subcommands.Add(revoke);
        return keys;
    }

    // A key's name shows in the staff API and its audit trail: the text rule of every other write (TextRules).
    static void RefuseBadText(Option option) => option.Validators.Add(r =>
    {
        if (r.GetValueOrDefault<string?>() is { } text && TextRules.Problem(text) is { } problem) r.AddError($"{option.Name} {problem}.");
    });

    static Option<int?> PerMinuteOption()
    {
        var option = new Option<int?>("--per-minute") { Description = "Calls a minute this key may make (default: Open311:RateLimits:KeyPerMinute)" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1 or > 1_000_000) r.AddError("--per-minute must be from 1 to 1000000.");
        });
        return option;
    }
}
