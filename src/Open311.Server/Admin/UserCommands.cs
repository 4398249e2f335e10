using System.CommandLine;

namespace Open311;

// Staff accounts of the console. The first admin is made here; admins make the others in the console.
static class UserCommands
{
    public static Command Build(IServiceProvider services)
    {
        var users = new Command("users", "Create and list the console's staff accounts, reset a password, end sessions.");
        var store = () => services.GetRequiredService<UserStore>();

        var email = new Option<string>("--email") { Description = "The person's email: what they sign in with", Required = true };
        var name = new Option<string>("--name") { Description = "Their name, as the audit trail and colleagues see it", Required = true };
        var role = new Option<string>("--role") { Description = "staff or admin", DefaultValueFactory = _ => Roles.Staff };
        role.AcceptOnlyFromAmong(StaffUser.RolesAllowed);
        var fromInput = new Option<bool>("--password-stdin") { Description = "Read the one-time password from standard input instead of making one" };
        var create = new Command("create", "Create an account. Its one-time password is printed once, alone on the last line "
            + "(or read from standard input); it must be changed at the first sign-in.") { email, name, role, fromInput };
        create.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            string? given = null;
            if (parse.GetValue(fromInput))
            {
                given = (await Console.In.ReadLineAsync(ct))?.Trim() ?? "";
                if (store().PasswordProblem(given) is not null)
                {
                    Console.Error.WriteLine("The password read from standard input is too short (Open311:Users:MinPasswordLength).");
                    return 1;
                }
            }
            var address = parse.GetValue(email)!.Trim();
            if (!address.Contains('@') || address.Length > 254) { Console.Error.WriteLine("--email must be an email address."); return 1; }
            var created = await store().CreateAsync(address, parse.GetValue(name)!, parse.GetValue(role)!, given, Actor.Command, ct);
            if (created is null) { Console.Error.WriteLine("An account with that email exists already."); return 1; }
            Console.WriteLine($"Created user {created.User.Id} ({created.User.Role}). Sign in at /console; the password must be changed then.");
            if (given is null) Console.WriteLine(created.OneTimePassword);
            return 0;
        });
        users.Subcommands.Add(create);

        var list = new Command("list", "List accounts (never their passwords).");
        list.SetAction(async (_, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            Console.WriteLine("id\trole\tstatus\temail\tname");
            foreach (var u in await store().ListAsync(ct))
                Console.WriteLine($"{u.Id}\t{u.Role}\t{(u.Active ? "active" : "disabled")}\t{u.Email}\t{u.Name}");
            return 0;
        });
        users.Subcommands.Add(list);

        var id = new Argument<long>("id") { Description = "The account's id, from `users list`" };
        var reset = new Command("reset", "Give an account a new one-time password (printed once) and lift a lockout.") { id };
        reset.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            if (await store().ResetPasswordAsync(parse.GetValue(id), Actor.Command, ct) is not { } secret)
            {
                Console.Error.WriteLine($"No account has id {parse.GetValue(id)}.");
                return 1;
            }
            Console.WriteLine($"User {parse.GetValue(id)} must change this password at the next sign-in.");
            Console.WriteLine(secret);
            return 0;
        });
        users.Subcommands.Add(reset);

        var endSessions = new Command("end-sessions", "End every console session of an account (a lost laptop, a copied cookie): "
            + "its pages ask to sign in again, on every instance.") { id };
        endSessions.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            if (await store().FindAsync(parse.GetValue(id), ct) is null)
            {
                Console.Error.WriteLine($"No account has id {parse.GetValue(id)}.");
                return 1;
            }
            var ended = await services.GetRequiredService<SessionStore>().EndAllAsync(parse.GetValue(id), Actor.Command, ct);
            Console.WriteLine($"Ended {ended} session(s) of user {parse.GetValue(id)}.");
            return 0;
        });
        users.Subcommands.Add(endSessions);
        return users;
    }
}
