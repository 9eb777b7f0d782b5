using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectel.Testing;

/// <summary>
/// The value rules the fake Connectel applies to a user body. Sources: the Connectel help page "Create
/// Supervisor/User" (shared/seeds/connectel-users.md: lowercase username, password of 8+ characters, PNG/JPG avatar up
/// to 8 MB, transport, NAT and codec choices, context) and shared/notes/vendor-apis.md section 1 (xCALLY field names
/// <c>name</c>, <c>fullname</c>, <c>email</c>, <c>internal</c>, <c>role</c>, Asterisk peer columns, Security Suite policy).
/// </summary>
internal static partial class FakeConnectelRules
{
    public const string ProfileId = "UserProfileId";
    public const string Password = "password";
    public const string ChangePassword = "mustChangePassword";
    public const string Locked = "locked";
    public const string LastPasswordReset = "lastPasswordReset";

    /// <summary>Fields a create or update may carry (<c>locked</c> only on update, and only to unlock).</summary>
    public static readonly HashSet<string> WritableFields =
    [
        "name", "fullname", "email", "internal", "role", ProfileId, "description", "disabled", "sso", "messengerSound",
        "context", "transport", "nat", "disallow", "allow", "callgroup", "pickupgroup", Password, ChangePassword, Locked,
    ];

    private static readonly string[] Transports = ["udp", "tcp", "ws", "wss", "tls"];
    private static readonly string[] NatValues = ["yes", "no", "force_rport", "comedia", "never", "route"];
    private static readonly string[] Codecs = ["ulaw", "alaw", "gsm", "g722", "g729", "opus"];

    /// <summary>The first problem with <paramref name="body"/>, or null. <paramref name="create"/>: a POST (required fields, no unlock).</summary>
    public static string? Check(JsonObject body, bool create, bool securitySuite)
    {
        foreach (var (key, _) in body)
        {
            if (!WritableFields.Contains(key))
            {
                return $"Unknown field '{key}'.";
            }
        }
        if (create)
        {
            foreach (var required in new[] { "name", "fullname", "email", "role", Password })
            {
                if (body[required] is null)
                {
                    return $"'{required}' is required.";
                }
            }
            if (body.ContainsKey(Locked))
            {
                return "'locked' cannot be set on create.";
            }
        }
        if (Text(body, "name") is { } name && !Login().IsMatch(name))
        {
            return $"name '{name}' must be lowercase letters, digits and dots.";
        }
        if (body.ContainsKey("email") && !(Text(body, "email")?.Contains('@', StringComparison.Ordinal) ?? false))
        {
            return "email must be an e-mail address.";
        }
        if (body.ContainsKey("role") && Text(body, "role") is not ("admin" or "user"))
        {
            return "role must be 'admin' or 'user'.";
        }
        if (body.ContainsKey("internal") && !Digits().IsMatch(Text(body, "internal") ?? ""))
        {
            return "internal must be digits.";
        }
        if (body.ContainsKey("transport") && !Transports.Contains(Text(body, "transport")))
        {
            return "transport must be one of udp, tcp, ws, wss, tls.";
        }
        if (body.ContainsKey("nat") && (Text(body, "nat") ?? "").Split(',').Any(n => !NatValues.Contains(n)))
        {
            return "nat must be yes, no, force_rport, comedia, never or route.";
        }
        if (body.ContainsKey("allow") && (Text(body, "allow") ?? "").Split(';', ',').Any(c => !Codecs.Contains(c)))
        {
            return $"allow must list codecs of {string.Join(", ", Codecs)}.";
        }
        if (body.ContainsKey("disallow") && Text(body, "disallow") != "all")
        {
            return "disallow must be 'all'.";
        }
        foreach (var group in new[] { "callgroup", "pickupgroup" })
        {
            if (Text(body, group) is { } groups && !ValidGroups(groups))
            {
                return $"{group} must be numbers 0-63, lists and ranges.";
            }
        }
        foreach (var flag in new[] { "disabled", "sso", "messengerSound", ChangePassword })
        {
            if (body[flag] is { } v && v.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                return $"{flag} must be true or false.";
            }
        }
        if (body[Locked] is { } locked && locked.GetValueKind() != JsonValueKind.False)
        {
            return "locked can only be switched off.";
        }
        if (body.ContainsKey(Password))
        {
            var password = Text(body, Password) ?? "";
            if (password.Length < 8)
            {
                return "password must have at least 8 characters.";
            }
            if (securitySuite && (!password.Any(char.IsUpper) || !password.Any(char.IsLower) || !password.Any(char.IsDigit) || password.All(char.IsLetterOrDigit)))
            {
                return "password does not meet the Security Suite policy.";
            }
        }
        return null;
    }

    public static string? Text(JsonObject body, string key) =>
        body[key] is JsonValue v && v.TryGetValue(out string? s) ? s
        : body[key] is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? n.ToJsonString()
        : null;

    private static bool ValidGroups(string text) =>
        text.Split(',').All(part =>
        {
            var ends = part.Split('-');
            return ends.Length is 1 or 2
                && ends.All(x => int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var g) && g <= 63);
        });

    [GeneratedRegex("^[a-z0-9]+(\\.[a-z0-9]+)*$")]
    private static partial Regex Login();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();
}
