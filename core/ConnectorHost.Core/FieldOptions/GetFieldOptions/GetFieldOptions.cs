using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace ConnectorHost.Core.FieldOptions.GetFieldOptions;

/// <summary>
/// The allowed values of a connector field whose options come from the connector, from the cache, refreshed when due.
/// When the vendor is down the last good list is returned with <see cref="FieldOptionsDto.Stale"/>; with no list
/// ever fetched it fails with <see cref="VendorUnavailableException"/> (HTTP 503).
/// </summary>
public sealed record GetFieldOptions(string ConnectorId, string FieldKey) : IQuery<FieldOptionsDto>, IConnectorRequest;

/// <summary>The options of one field.</summary>
/// <param name="Items">Allowed values with their labels.</param>
/// <param name="FetchedAt">When the connector gave this list.</param>
/// <param name="Stale">True when the list is older than its refresh interval because the vendor could not be reached.</param>
public sealed record FieldOptionsDto(IReadOnlyList<AllowedValue> Items, DateTimeOffset FetchedAt, bool Stale);

internal sealed class GetFieldOptionsHandler(IConnectorCatalog catalog, IConnectorDispatcher dispatcher, FieldOptionsCache cache)
    : IRequestHandler<GetFieldOptions, FieldOptionsDto>
{
    public async Task<FieldOptionsDto> Handle(GetFieldOptions request, CancellationToken cancellationToken)
    {
        var description = catalog.RequireLoaded(request.ConnectorId);
        var field = description.Schema.User.Concat(description.Schema.Group)
            .FirstOrDefault(f => f.OptionsFromConnector && string.Equals(f.Key, request.FieldKey, StringComparison.Ordinal))
            ?? throw new NotFoundException("Field with options from the connector", $"{request.ConnectorId}/{request.FieldKey}");
        var (list, failure) = await cache.GetAsync(dispatcher, request.ConnectorId, field, cancellationToken);
        return list is null
            ? throw new VendorUnavailableException($"The options of field '{field.Key}' could not be loaded from connector '{request.ConnectorId}' and no earlier list is cached: {failure}")
            : new FieldOptionsDto(list.Items, list.FetchedAt, list.Stale);
    }
}
