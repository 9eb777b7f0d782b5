using CommPeak.Dialer.Gateway;
using CommPeak.Dialer.Settings;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace CommPeak.Dialer.Users;

/// <summary>
/// The user as CommPeak would hold it, in its field names and without secrets; the match key is the CommPeak
/// username, like <see cref="Gateway.ListCommPeakUsers"/>'s. Warns about ids CommPeak no longer lists.
/// </summary>
internal sealed class ProjectCommPeakUser(CommPeakOptions options, CommPeakOptionLists lists) : IRequestHandler<ProjectUser, Projection>
{
    public Task<Projection> Handle(ProjectUser request, CancellationToken cancellationToken)
    {
        var plan = CommPeakUserPlan.For(request.User, options, lists.Last);
        return Task.FromResult(new Projection(plan.Record, plan.Warnings, plan.Username));
    }
}
