using Contoso.Connector.Settings;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace Contoso.Connector;

/// <summary>Manifest, schemas and actions; read once when the host loads the plugin.</summary>
internal sealed class DescribeContosoConnector(ActionRouter actions) : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public static ConnectorManifest Manifest { get; } = new(
        ContosoConnectorModule.Id,
        "Contoso Connector",
        "1.0.0",
        SdkInfo.Version,
        ConnectorCapabilities.ValidateUserSettings
        | ConnectorCapabilities.ProjectUser
        | ConnectorCapabilities.Actions
        | ConnectorCapabilities.PushUser
        | ConnectorCapabilities.ListVendorUsers);

    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorDescription(
            Manifest,
            new ConnectorSchema(ContosoConnectorSchema.ConnectorFields, ContosoConnectorSchema.UserFields, []),
            actions.Descriptors));
}
