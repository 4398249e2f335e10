namespace Open311;

// Turns request rows into the public wire shape. Personal fields are never read here, and notes and
// photos are the public ones only (CONTRACT §4 and §6).
sealed class RequestViews(RequestQueries requests, CatalogCache catalog, DateCodec dates, MediaLinks media)
{
    // near: the point a search was around; with extensions each request carries its distance from it.
    public async Task<List<RequestWire>> ToWireAsync(IReadOnlyList<RequestRow> rows, bool extensions, HttpRequest http, CancellationToken ct,
        GeoCircle? near = null)
    {
        // media_url is the first public photo (read with the row), or the URL the request was sent with.
        string? MediaUrl(RequestRow row) => row.FirstPhotoFile is { } file ? media.Url(http, file) : row.MediaUrl;
        if (!extensions) return rows.Select(row => RequestWire.From(row, dates, MediaUrl(row))).ToList();

        var extras = await requests.ExtrasAsync(rows, includePrivate: false, ct);
        var definitions = await DefinitionsAsync(rows, ct);
        var list = new List<RequestWire>(rows.Count);
        foreach (var row in rows)
        {
            var service = definitions.GetValueOrDefault(row.ServiceCode);
            var answers = extras.Answers[row.Id].ToList();
            list.Add(RequestWire.From(row, dates, MediaUrl(row)) with
            {
                Details = Details(answers, service),
                Attributes = Attributes(answers, service),
                ExtendedAttributes = new RequestExtensionWire(row.Channel,
                    extras.Photos[row.Id].Select(p => new PhotoWire(media.Url(http, p.FileName), p.Title, dates.Format(p.CreatedAt)))
                        .Concat(SentLinks(row).Select(link => new PhotoWire(link, null, dates.Format(row.RequestedAt)))).ToList()),
                Notes = extras.Notes[row.Id].Select(n => new NoteWire(dates.Format(n.CreatedAt), n.Description, n.Summary, n.Type)).ToList(),
                StatusDetail = row.StatusDetail,
                DuplicateOf = row.DuplicateOf,
                ParentServiceRequestId = row.DuplicateOf,
                Distance = near is not null && row.Lat is { } lat && row.Lon is { } lon ? Math.Round(near.DistanceTo(lat, lon), 1) : null,
            });
        }
        return list;
    }

    // CONTRACT §11: the media_url links a request was sent with, each a public link (the first is also its media_url
    // when it has no photo of its own).
    static IEnumerable<string> SentLinks(RequestRow row) =>
        (row.MediaUrl is { } first ? [first] : Array.Empty<string>())
            .Concat(row.MoreMediaUrls?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? []);

    async Task<Dictionary<string, ServiceEntry>> DefinitionsAsync(IReadOnlyList<RequestRow> rows, CancellationToken ct)
    {
        var found = new Dictionary<string, ServiceEntry>();
        foreach (var code in rows.Select(r => r.ServiceCode).Distinct())
            if (await catalog.ServiceAsync(code, ct) is { } entry) found[code] = entry;
        return found;
    }

    // details: attribute code → the submitted value, a list for a multivaluelist.
    static Dictionary<string, object> Details(List<AnswerRow> answers, ServiceEntry? service)
    {
        var details = new Dictionary<string, object>();
        foreach (var group in answers.GroupBy(a => a.Code))
        {
            var values = group.OrderBy(a => a.Position).Select(a => a.Value).ToList();
            var multi = service?.Attribute(group.Key)?.Datatype == Datatypes.MultiValueList || values.Count > 1;
            details[group.Key] = multi ? values : values[0];
        }
        return details;
    }

    // attributes: label is the question, value the human-readable answer, name the code, code the list key.
    static List<RequestAttributeWire> Attributes(List<AnswerRow> answers, ServiceEntry? service) =>
        answers
            .Select(a => (Answer: a, Definition: service?.Attribute(a.Code)))
            .OrderBy(x => x.Definition?.SortOrder ?? int.MaxValue).ThenBy(x => x.Answer.Code).ThenBy(x => x.Answer.Position)
            .Select(x => x.Definition is { IsList: true } list
                ? new RequestAttributeWire(list.Description, list.NameOf(x.Answer.Value) ?? x.Answer.Value, x.Answer.Code, x.Answer.Value)
                : new RequestAttributeWire(x.Definition?.Description ?? x.Answer.Code, x.Answer.Value, x.Answer.Code, null))
            .ToList();
}

static class RequestFeatures
{
    // GeoJSON (CONTRACT §10): each request with coordinates as a Point feature, its public fields as properties.
    public static FeatureCollectionWire Of(IEnumerable<RequestWire> requests) => FeatureCollectionWire.Of(
        requests.Where(r => r.Lat is not null && r.Long is not null)
            .Select(r => FeatureWire.Point(r.ServiceRequestId, r.Lat!.Value, r.Long!.Value, r)));
}
