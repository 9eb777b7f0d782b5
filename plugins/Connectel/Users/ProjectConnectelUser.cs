using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Settings;
using MediatR;

namespace Connectel.Users;

/// <summary>
/// The preview: the user as Connectel would receive it (the password shown as <c>********</c> while it is still to be
/// sent), with the auto-assigned internal number. The match key is the login (<c>name</c>), like <see cref="Gateway.ListConnectelUsers"/>'s.
/// </summary>
internal sealed class ProjectConnectelUser(ConnectelUserPayload payloads, ConnectelOptions options) : IRequestHandler<ProjectUser, Projection>
{
    public Task<Projection> Handle(ProjectUser request, CancellationToken cancellationToken)
    {
        var context = request.User;
        var settings = ConnectelUserSettings.Of(context);
        var payload = payloads.Build(context, settings);
        var warnings = new List<string>();
        if (settings.Password is not null)
        {
            payload[options.Names.Password] = SchemaValidator.SecretMask;
        }
        if (settings.RoleFromRoles)
        {
            warnings.Add($"Role {settings.Role} comes from the user's core roles; it is fixed once the user exists at Connectel.");
        }
        if (!context.User.Enabled && !settings.Disabled)
        {
            warnings.Add("The user is disabled in the core model, so the Connectel account is disabled too.");
        }
        if (settings.Avatar is { } avatar)
        {
            warnings.Add($"Avatar '{avatar["fileName"]}' is uploaded separately ({options.Names.AvatarPath}).");
        }
        return Task.FromResult(new Projection(payload, warnings, settings.Username));
    }
}
