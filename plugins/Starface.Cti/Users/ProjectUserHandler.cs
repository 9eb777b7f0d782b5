using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using MediatR;
using Starface.Cti.Groups;
using Starface.Cti.Settings;

namespace Starface.Cti.Users;

/// <summary>Preview: the STARFACE user body a push would send, the internal number, and the CTI setup.</summary>
internal sealed class ProjectUserHandler(CtiUserDirectory users) : IRequestHandler<ProjectUser, Projection>
{
    public async Task<Projection> Handle(ProjectUser request, CancellationToken cancellationToken)
    {
        var user = await users.DescribeAsync(request.User, cancellationToken);
        var settings = user.Settings;
        var payload = StarfaceUserMapping.UserBody(request.User.User);
        payload["internalNumber"] = StarfaceUserMapping.InternalNumberOf(settings);
        payload["cti"] = new JsonObject
        {
            ["ctiActive"] = settings.CtiActive,
            ["extension"] = settings.Extension,
            ["ctiGroup"] = user.Group.GroupId,
            ["ctiGroupSource"] = user.Group.Source,
            ["ctiGroupCoreGroup"] = user.Group.CoreGroupKey,
            ["ctiPage"] = CtiUserSettings.WireName(settings.Page),
            ["ctiPageId"] = ScreenPop.WebClientLink.PageOf(settings.Page),
            ["openCtiPage"] = CtiUserSettings.WireName(settings.OpenOn),
            ["openCtiPageAt"] = CtiUserSettings.WireName(settings.OpenAt),
            ["notFoundAction"] = CtiUserSettings.WireName(settings.NotFound),
        };

        var warnings = new List<string>();
        var missing = StarfaceUserMapping.MissingRequiredFields(request.User.User);
        if (missing.Count > 0)
        {
            warnings.Add($"STARFACE requires {string.Join(", ", missing)}; the push will be rejected until they are set.");
        }
        if (!settings.CtiActive)
        {
            warnings.Add("CTI active is off: the user is ignored by the CTI (visibility, screen pop) and no internal number is assigned.");
        }
        if (user.Group.IsAmbiguous)
        {
            warnings.Add($"Several core groups map to different CTI groups ({CtiGroupResolver.Describe(user.Group.Conflicts)}); '{user.Group.GroupId}' of core group '{user.Group.CoreGroupKey}' applies. Set the user's CTI group to choose.");
        }
        // STARFACE knows a user by its login, which is the core username (see ListVendorUsersHandler).
        return new Projection(payload, warnings, request.User.User.Username);
    }
}
