using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.FieldOptions;

/// <summary>The last good list of a connector field's options.</summary>
/// <param name="Items">The allowed values.</param>
/// <param name="FetchedAt">When the connector answered with this list.</param>
/// <param name="Stale">True when the refresh interval has passed and the last refresh failed (vendor unreachable).</param>
public sealed record CachedOptionList(IReadOnlyList<AllowedValue> Items, DateTimeOffset FetchedAt, bool Stale);
