using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Model;
using Connectel.Settings;

namespace Connectel.Users;

/// <summary>
/// How one core user becomes a Connectel (xCALLY Motion) staff user: the body of <c>POST/PUT /api/users</c> in the
/// vendor's names (<c>name</c>, <c>fullname</c>, <c>email</c>, <c>internal</c>, <c>role</c>, <c>context</c>,
/// Asterisk peer columns, and the configured unconfirmed names). The same keys are read back from
/// <c>GET /api/users</c>, so plan and reconcile can diff the two.
/// </summary>
internal sealed class ConnectelUserPayload(ConnectelOptions options)
{
    private VendorNames Names => options.Names;

    /// <summary>The fields both sides can compare (never the password).</summary>
    public JsonObject Build(UserContext context, ConnectelUserSettings settings)
    {
        var user = context.User;
        var payload = new JsonObject
        {
            ["name"] = settings.Username,
            ["fullname"] = settings.FullName,
            ["email"] = user.Email,
            ["internal"] = settings.InternalNumber,
            ["role"] = settings.Role.ToLowerInvariant(),
            [Names.ProfileId] = settings.IsUserRole ? settings.UserProfile : null,
            [Names.Description] = settings.Description,
            [Names.Disabled] = settings.Disabled || !user.Enabled,
            [Names.Sso] = settings.Sso,
            [Names.MessengerSound] = settings.MessengerSound,
            ["context"] = settings.Context,
            ["transport"] = settings.Transport,
            ["nat"] = settings.Nat,
            // Asterisk peer columns: codecs in preference order after clearing the defaults.
            ["disallow"] = "all",
            ["allow"] = string.Join(';', settings.Codecs),
            ["callgroup"] = settings.CallGroups,
            ["pickupgroup"] = settings.PickupGroups,
        };
        return payload;
    }

    /// <summary>The body of an update: the login and the role cannot change at Connectel, so they are left out.</summary>
    public JsonObject ForUpdate(JsonObject payload)
    {
        var body = (JsonObject)payload.DeepClone();
        body.Remove("name");
        body.Remove("role");
        return body;
    }

    /// <summary>The body of a create: everything plus the initial password, to be changed at first login.</summary>
    public JsonObject ForCreate(JsonObject payload, string password)
    {
        var body = (JsonObject)payload.DeepClone();
        body[Names.Password] = password;
        body[Names.ChangePassword] = true;
        return body;
    }

    /// <summary>The comparable fields of a user as Connectel reports it.</summary>
    public JsonObject Reported(JsonObject row)
    {
        var payload = new JsonObject();
        foreach (var key in new[] { "name", "fullname", "email", "internal", "role", Names.ProfileId, Names.Description, Names.Disabled, Names.Sso,
                     Names.MessengerSound, "context", "transport", "nat", "disallow", "allow", "callgroup", "pickupgroup" })
        {
            var value = row[key];
            // xCALLY reports numbers for internal and ids; the payload holds text.
            payload[key] = value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? VendorJson.Text(v) : value?.DeepClone();
        }
        return payload;
    }
}
