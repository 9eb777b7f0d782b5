using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.FieldOptions;
using ConnectorHost.Core.Persistence;
using MediatR;

namespace ConnectorHost.Core.Pipeline;

/// <summary>
/// Between validation and the transaction: refreshes the due option lists of the connectors a request checks
/// settings for. Failures are not errors here; the handler reads the cache and reports a missing list per field.
/// A nested command (already inside a transaction) only reads the cache.
/// </summary>
internal sealed class FieldOptionsBehaviour<TRequest, TResponse>(HostDbContext db, IConnectorCatalog catalog, IConnectorDispatcher dispatcher, FieldOptionsCache cache)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IChecksConnectorSettings checks && db.Database.CurrentTransaction is null)
        {
            var connectors = catalog.All
                .Where(c => c.Status == ConnectorStatus.Loaded && c.Description is not null)
                .Where(c => checks.OptionsConnectorId is null || string.Equals(c.Id, checks.OptionsConnectorId, StringComparison.Ordinal));
            foreach (var connector in connectors)
            {
                var schema = connector.Description!.Schema;
                foreach (var field in schema.User.Concat(schema.Group).Where(f => f.OptionsFromConnector).DistinctBy(f => f.Key))
                {
                    await cache.GetAsync(dispatcher, connector.Id, field, cancellationToken);
                }
            }
        }
        return await next();
    }
}
