using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Profiles;

namespace Connectel.Actions;

/// <summary>Profile bodies for Connectel and the rule every profile write checks first.</summary>
internal static class ProfileWire
{
    /// <summary>A 400 naming the admin-only permissions, or null when the list is fine.</summary>
    public static ActionResult? RefuseAdminOnly(IReadOnlyList<string>? permissions)
    {
        var adminOnly = ProfilePermissions.AdminOnly(permissions ?? []).ToList();
        return adminOnly.Count == 0
            ? null
            : ActionResult.Problem(400, "Permission for role Admin only",
                $"A user profile is for role User, which never manages users: {string.Join(", ", adminOnly)} cannot be granted.",
                [new FieldError("permissions", $"{string.Join(", ", adminOnly)} belong to role Admin and cannot be in a user profile.") { Code = FieldErrorCodes.NotAllowed }]);
    }

    public static JsonObject Body(string? name, string? description, IReadOnlyList<string>? permissions)
    {
        var body = new JsonObject();
        if (name is not null) { body["name"] = name; }
        if (description is not null) { body["description"] = description; }
        if (permissions is not null) { body["permissions"] = new JsonArray([.. permissions.Select(p => (JsonNode?)p)]); }
        return body;
    }

    /// <summary>A profile as the actions answer it: id, name, description, permissions, and the core users holding it.</summary>
    public static JsonObject Answer(JsonObject profile, IEnumerable<string> holders) => new()
    {
        ["id"] = VendorJson.Text(profile["id"]),
        ["name"] = VendorJson.Text(profile["name"]),
        ["description"] = VendorJson.Text(profile["description"]),
        ["permissions"] = profile["permissions"] is JsonArray p ? p.DeepClone() : new JsonArray(),
        ["users"] = new JsonArray([.. holders.Select(h => (JsonNode?)h)]),
    };
}
