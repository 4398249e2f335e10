namespace Open311;

// The catalog as the resident site offers it: services by group, and found by typing (every word of the search
// must appear in the service's name, keywords or group). Names and questions are the catalog's, as staff wrote
// them: a translated catalog field would be read here (Name, Description), and nowhere else.
static class ServiceChoice
{
    public sealed record Group(string? Name, IReadOnlyList<ServiceEntry> Services);

    public static IReadOnlyList<Group> Groups(IEnumerable<ServiceEntry> services) =>
        services.GroupBy(s => s.Service.GroupName).Select(g => new Group(g.Key, g.ToList())).ToList();

    public static IReadOnlyList<ServiceEntry> Matching(CatalogSnapshot catalog, string query)
    {
        var words = query.ToLowerInvariant().Split(' ', ',', ';').Where(w => w.Length > 0).ToArray();
        return catalog.Services.Where(s =>
        {
            var text = $"{s.Service.ServiceName} {s.Service.Keywords} {s.Service.GroupName}".ToLowerInvariant();
            return words.All(w => text.Contains(w, StringComparison.Ordinal) || text.Contains(Singular(w), StringComparison.Ordinal));
        }).ToList();
    }

    // "potholes" finds "pothole".
    static string Singular(string word) => word.Length > 3 && word.EndsWith('s') ? word[..^1] : word;

    public static string Name(ServiceEntry service) => service.Service.ServiceName;

    public static string? Description(ServiceEntry service) => service.Service.Description;
}
