using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Users;

namespace HostedPbx.Actions;

/// <summary>What the PBX actions answer about a user: the target's extension, and how a user appears in answers.</summary>
internal static class PbxActionAnswers
{
    /// <summary>The member view of the target user, or a 404 answer when the user has no PBX extension.</summary>
    public static (PbxMember? Member, ActionResult? Problem) ExtensionOf(UserContext user)
    {
        var settings = PbxUserSettings.Of(user);
        return settings.Extension is null
            ? (null, ActionResult.Problem(404, "Not a PBX extension", $"User '{user.User.Username}' has no hosted PBX extension."))
            : (new PbxMember(user, settings), null);
    }

    /// <summary>The JSON a user appears as in action answers (never settings secrets).</summary>
    public static JsonObject Describe(PbxMember member) => new()
    {
        ["userId"] = member.User.Id.ToString(),
        ["username"] = PbxUsername.Of(member.User),
        ["firstName"] = member.User.FirstName,
        ["lastName"] = member.User.LastName,
        ["displayName"] = member.User.DisplayName,
        ["email"] = member.User.Email,
        ["extension"] = member.Extension,
        ["licenseType"] = member.Settings.LicenseType,
    };
}
