using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Settings;
using MediatR;

namespace HostedPbx.Users;

/// <summary>
/// The extension JSON the gateway would push, with the voicemail PIN masked. The match key is the extension
/// number, like <see cref="Gateway.ListHostedPbxUsers"/>'s.
/// </summary>
internal sealed class ProjectHostedPbxUser(HostedPbxOptions options, PbxMembers members)
    : IRequestHandler<ProjectUser, Projection>
{
    public async Task<Projection> Handle(ProjectUser request, CancellationToken cancellationToken)
    {
        var others = (await members.ListAsync(cancellationToken))
            .Where(m => m.User.Id != request.User.User.Id)
            .Select(m => m.Extension)
            .ToHashSet(StringComparer.Ordinal);
        var plan = PbxExtensionPlan.For(request.User, options, others);
        return plan is null
            ? new Projection(new JsonObject { ["extension"] = null }, ["The user has no extension yet; nothing is pushed to the PBX."])
            : new Projection(plan.ToPayload(), plan.Warnings) { MatchKey = plan.Profile.Extension };
    }
}
