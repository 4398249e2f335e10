namespace Open311;

// GeoReport v2 Service Discovery (open311.github.io Service_Discovery.md): every field is required.
sealed record DiscoveryDocument(string Changeset, string Contact, string KeyService, IReadOnlyList<DiscoveryEndpoint> Endpoints);

sealed record DiscoveryEndpoint(string Specification, string Url, string Changeset, string Type, IReadOnlyList<string> Formats);
