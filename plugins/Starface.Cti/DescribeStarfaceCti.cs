using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Starface.Cti.Settings;

namespace Starface.Cti;

/// <summary>Answers the host's DescribeConnector request.</summary>
internal sealed class DescribeStarfaceCti(ActionRouter actions) : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorDescription(StarfaceCtiSchema.Manifest,
            new ConnectorSchema(StarfaceCtiSchema.ConnectorFields, StarfaceCtiSchema.UserFields, StarfaceCtiSchema.GroupFields), actions.Descriptors));
}
