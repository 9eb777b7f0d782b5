using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk;
using MediatR;

namespace ConnectorHost.Core.Sync.Plan;

/// <summary>Dry run: what a sync would create, update or delete at the vendor, with field-level differences. Changes nothing.</summary>
public sealed record PlanSync(string? ConnectorId = null) : IQuery<IReadOnlyList<ConnectorComparison>>, IConnectorRequest;

internal sealed class PlanSyncHandler(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorCatalog catalog, IConnectorDispatcher dispatcher)
    : IRequestHandler<PlanSync, IReadOnlyList<ConnectorComparison>>
{
    public async Task<IReadOnlyList<ConnectorComparison>> Handle(PlanSync request, CancellationToken cancellationToken)
    {
        var ids = request.ConnectorId is { } one
            ? [one]
            : catalog.All.Where(c => c.Status == ConnectorStatus.Loaded && c.Description!.Manifest.Capabilities.HasFlag(ConnectorCapabilities.PushUser)).Select(c => c.Id).ToList();
        var plans = new List<ConnectorComparison>();
        foreach (var id in ids)
        {
            plans.Add(await VendorComparison.CompareAsync(db, secrets, catalog, dispatcher, id, cancellationToken));
        }
        return plans;
    }
}
