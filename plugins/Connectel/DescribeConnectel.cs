using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Settings;
using MediatR;

namespace Connectel;

/// <summary>Manifest, schemas (the user schema depends on the Security Suite and the number range) and actions.</summary>
internal sealed class DescribeConnectel(ConnectelOptions options, ActionRouter actions)
    : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorDescription(
            ConnectelModule.Manifest,
            new ConnectorSchema(ConnectelSchema.ConnectorFields, ConnectelSchema.UserFields(options), [])
            {
                Role = ConnectelSchema.RoleFields,
                // Connectel refuses a user without e-mail: clearing it is refused while the user has Connectel settings.
                RequiredCoreFields = [CoreUserField.Email],
            },
            actions.Descriptors));
}
