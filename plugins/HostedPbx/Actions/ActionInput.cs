using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Users;

namespace HostedPbx.Actions;

/// <summary>Reading action inputs and shaping common answers.</summary>
internal static class ActionInput
{
    /// <summary>A 400 naming input properties the action does not know (catches typos such as "qeury").</summary>
    public static ActionResult? RejectUnknown(JsonObject input, params string[] known)
    {
        var unknown = input.Select(p => p.Key).Where(k => !known.Contains(k, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? null
            : ActionResult.Problem(400, "Unknown input",
                $"Unknown input {string.Join(", ", unknown.Select(k => $"'{k}'"))}; expected {string.Join(", ", known.Select(k => $"'{k}'"))}.",
                [.. unknown.Select(k => new FieldError(k, $"'{k}' is not an input of this action."))]);
    }

    /// <summary>A trimmed text input, or null when absent, not text, or blank.</summary>
    public static string? Text(JsonObject input, string key) =>
        input[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim() is { Length: > 0 } text
            ? text
            : null;

    /// <summary>A 400 for one bad input property.</summary>
    public static ActionResult Invalid(string key, string message) =>
        ActionResult.Problem(400, "Invalid input", message, [new FieldError(key, message)]);

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
        ["username"] = member.User.FirstName.Length > 0 ? member.User.FirstName : member.User.Username,
        ["firstName"] = member.User.FirstName,
        ["lastName"] = member.User.LastName,
        ["displayName"] = member.User.DisplayName,
        ["email"] = member.User.Email,
        ["extension"] = member.Extension,
        ["licenseType"] = member.Settings.LicenseType,
    };
}
