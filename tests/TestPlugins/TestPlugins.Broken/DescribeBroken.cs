using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace TestPlugins.Broken;

internal sealed class DescribeBroken : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public const string Id = "broken";

    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorDescription(
            new ConnectorManifest(Id, "Broken sample", "1.0.0", SdkInfo.Version,
                ConnectorCapabilities.ValidateUserSettings | ConnectorCapabilities.ProjectUser | ConnectorCapabilities.PushUser | ConnectorCapabilities.ListVendorUsers),
            new ConnectorSchema(
                Connector: [new("vendorUrl", "Vendor URL", FieldType.String) { Required = true }, new("apiKey", "API key", FieldType.Secret) { Required = true }],
                User: [new("login", "Login", FieldType.String) { Required = true, Pattern = "[a-z.]{2,30}" }],
                Group: []),
            []));
}
