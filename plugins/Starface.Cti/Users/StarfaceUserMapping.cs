using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using Starface.Cti.Settings;

namespace Starface.Cti.Users;

/// <summary>
/// How a core user becomes a STARFACE user (POST/PUT /rest/users): login = username, firstName, familyName,
/// email, language (de, en or default). CTI-active users also get their extension as primary internal number.
/// </summary>
internal static class StarfaceUserMapping
{
    /// <summary>The keys of the STARFACE user body this connector owns; other fields of an existing user are kept.</summary>
    public static readonly string[] OwnedFields = ["login", "firstName", "familyName", "email", "language"];

    public static JsonObject UserBody(UserSnapshot user) => new()
    {
        ["login"] = user.Username,
        ["firstName"] = user.FirstName,
        ["familyName"] = user.LastName,
        ["email"] = user.Email ?? "",
        ["language"] = LanguageOf(user.Language),
    };

    /// <summary>The internal number to assign: only CTI-active users' extensions are unique, so only those are pushed.</summary>
    public static string? InternalNumberOf(CtiUserSettings settings) => settings.TakesPartInCti ? settings.Extension : null;

    /// <summary>STARFACE requires these user fields; a missing one is named so the admin can fill it in.</summary>
    public static IReadOnlyList<string> MissingRequiredFields(UserSnapshot user)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(user.FirstName))
        {
            missing.Add("firstName");
        }
        if (string.IsNullOrWhiteSpace(user.LastName))
        {
            missing.Add("familyName (last name)");
        }
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            missing.Add("email");
        }
        return missing;
    }

    public static string LanguageOf(string? tag)
    {
        var primary = (tag ?? "").Split('-', '_')[0].ToLowerInvariant();
        return primary is "de" or "en" ? primary : "default";
    }
}
