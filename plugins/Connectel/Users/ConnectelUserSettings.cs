using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using Connectel.Settings;

namespace Connectel.Users;

/// <summary>
/// A user's Connectel settings as read from a (schema-checked) document, with the values that come from elsewhere
/// resolved: the role and user profile from the core roles when the user has none of their own (the user's own
/// setting wins; Admin wins over User among roles), the full name from the core display name.
/// </summary>
internal sealed record ConnectelUserSettings(
    string Role,
    bool RoleFromRoles,
    string? UserProfile,
    string FullName,
    string? Username,
    string? Password,
    string? Description,
    bool AutoInternalNumber,
    string? InternalNumber,
    bool Disabled,
    bool Sso,
    bool MessengerSound,
    JsonObject? Avatar,
    string Transport,
    string Nat,
    IReadOnlyList<string> Codecs,
    string Context,
    string? CallGroups,
    string? PickupGroups)
{
    public bool IsUserRole => Role == ConnectelSchema.RoleUser;

    public static ConnectelUserSettings Of(UserContext context)
    {
        var s = context.Settings;
        string? Text(string key) => s[key] is JsonValue v && v.TryGetValue(out string? t) && t.Length > 0 ? t : null;
        bool Flag(string key, bool fallback) => s[key] is JsonValue v && v.TryGetValue(out bool b) ? b : fallback;

        var ownRole = Text(ConnectelSchema.Role);
        var roleSettings = context.Roles.Select(r => r.Settings).ToList();
        var fromRoles = roleSettings.Select(r => r[ConnectelSchema.Role]?.GetValue<string>()).Where(r => r is not null).ToList();
        var role = ownRole
            ?? (fromRoles.Contains(ConnectelSchema.RoleAdmin) ? ConnectelSchema.RoleAdmin : ConnectelSchema.RoleUser);
        var profile = Text(ConnectelSchema.UserProfile)
            ?? roleSettings.Select(r => r[ConnectelSchema.UserProfile]?.GetValue<string>()).FirstOrDefault(p => !string.IsNullOrEmpty(p));

        return new ConnectelUserSettings(
            role,
            ownRole is null,
            profile,
            Text(ConnectelSchema.FullName) ?? context.User.DisplayName,
            Text(ConnectelSchema.Username),
            s[ConnectelSchema.Password] is JsonValue p && p.TryGetValue(out string? password) ? password : null,
            Text(ConnectelSchema.Description),
            Flag(ConnectelSchema.AutoInternalNumber, true),
            Text(ConnectelSchema.InternalNumber),
            Flag(ConnectelSchema.Disabled, false),
            Flag(ConnectelSchema.Sso, false),
            Flag(ConnectelSchema.MessengerSound, false),
            s[ConnectelSchema.Avatar] as JsonObject,
            Text(ConnectelSchema.Transport) ?? "udp",
            Text(ConnectelSchema.Nat) ?? "no",
            s[ConnectelSchema.Codecs] is JsonArray codecs ? [.. codecs.Select(c => c!.GetValue<string>())] : ["ulaw", "alaw"],
            Text(ConnectelSchema.Context) ?? ConnectelSchema.DefaultContext,
            Text(ConnectelSchema.CallGroups),
            Text(ConnectelSchema.PickupGroups));
    }
}
