using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConnectorHost.Core.Persistence;

/// <summary>
/// The one interceptor instance in the pooled context options: hands each save to the <see cref="ChangeCaptureInterceptor"/>
/// of the request that rented the context (<see cref="HostDbContext.Capture"/>). Pooled options are shared by every
/// request, so the request's own capture (actor, origin) cannot be in them.
/// </summary>
internal sealed class ChangeCaptureRelay : SaveChangesInterceptor
{
    public static ChangeCaptureRelay Instance { get; } = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        eventData.Context is HostDbContext { Capture: { } capture } ? capture.SavingChangesAsync(eventData, result, cancellationToken) : ValueTask.FromResult(result);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is HostDbContext { Capture: { } capture } ? capture.SavingChanges(eventData, result) : result;
}
