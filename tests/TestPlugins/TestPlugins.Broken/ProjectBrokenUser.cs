using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace TestPlugins.Broken;

internal sealed class ProjectBrokenUser : IRequestHandler<ProjectUser, Projection>
{
    public static JsonObject Payload(UserContext user) => new()
    {
        ["login"] = user.Settings["login"]!.GetValue<string>(),
        ["displayName"] = user.User.DisplayName,
    };

    public Task<Projection> Handle(ProjectUser request, CancellationToken cancellationToken) =>
        Task.FromResult(new Projection(Payload(request.User), [], request.User.Settings["login"]!.GetValue<string>()));
}
