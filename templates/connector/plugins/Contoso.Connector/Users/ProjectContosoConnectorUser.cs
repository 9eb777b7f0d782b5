using System.Text.Json.Nodes;
using Contoso.Connector.Settings;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace Contoso.Connector.Users;

/// <summary>
/// The vendor's record of a user: what a push sends and a preview shows. The vendor's list reports the same fields,
/// so plans show no differences after a push. Never put a secret here (admins can preview it).
/// </summary>
internal sealed class ProjectContosoConnectorUser : IRequestHandler<ProjectUser, Projection>
{
    public static JsonObject Payload(UserContext user) => new()
    {
        ["extension"] = user.Settings[ContosoConnectorSchema.Extension]!.GetValue<string>(),
        ["displayName"] = user.User.DisplayName,
        ["email"] = user.User.Email,
    };

    public Task<Projection> Handle(ProjectUser request, CancellationToken cancellationToken) =>
        Task.FromResult(new Projection(Payload(request.User), [], request.User.Settings[ContosoConnectorSchema.Extension]!.GetValue<string>()));
}
