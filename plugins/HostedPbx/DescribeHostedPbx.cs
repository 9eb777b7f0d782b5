using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Settings;
using MediatR;

namespace HostedPbx;

/// <summary>Manifest, schemas (the user schema depends on the number inventory and greeting size) and actions.</summary>
internal sealed class DescribeHostedPbx(HostedPbxOptions options, ActionRouter actions)
    : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorDescription(
            HostedPbxConnector.Manifest,
            new ConnectorSchema(HostedPbxSchema.ConnectorFields, HostedPbxSchema.UserFields(options), []) { Role = HostedPbxSchema.RoleFields },
            actions.Descriptors)
        {
            FileFormats = [HostedPbxUserFile.Format],
        });
}
