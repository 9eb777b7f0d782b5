using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace Connectel.Settings;

/// <summary>
/// The connector-level settings from plugins.json, checked and normalized. A class rather than a record so the API
/// key and password can never end up in a generated <c>ToString()</c>.
/// </summary>
internal sealed class ConnectelOptions
{
    public required Uri BaseUrl { get; init; }

    /// <summary>The API key for <c>?apikey=</c>, or null with Basic authentication.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Username and password for Basic authentication, or null with an API key.</summary>
    public (string Username, string Password)? Basic { get; init; }

    public bool SecuritySuite { get; init; }

    public required NumberRange InternalNumbers { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public required VendorNames Names { get; init; }

    public override string ToString() => $"ConnectelOptions {{ BaseUrl = {BaseUrl}, SecuritySuite = {SecuritySuite} }}";

    /// <summary>Checks the plugins.json settings; throws <see cref="ConnectelSettingsException"/> naming every bad field.</summary>
    public static ConnectelOptions Parse(JsonObject settings)
    {
        // Re-parsed so numbers built in code read like numbers parsed from plugins.json.
        var checkedSettings = SchemaValidator.Validate(ConnectelSchema.ConnectorFields, JsonNode.Parse(settings.ToJsonString())!.AsObject());
        var errors = checkedSettings.Errors.ToList();
        var values = checkedSettings.Settings;
        string? Text(string key) => values[key]?.GetValue<string>();

        Uri? baseUrl = null;
        if (Text(ConnectelSchema.BaseUrl) is { } text)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                && string.IsNullOrEmpty(parsed.Query) && string.IsNullOrEmpty(parsed.UserInfo))
            {
                // A trailing slash makes relative API paths resolve below the base path, not beside it.
                baseUrl = parsed.AbsoluteUri.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
            }
            else
            {
                // The value is not echoed: a URL may carry credentials.
                errors.Add(new FieldError(ConnectelSchema.BaseUrl, "Connectel server URL must be an absolute http(s) URL without credentials or query, e.g. https://acme.connectel.io/."));
            }
        }

        var from = values[ConnectelSchema.InternalNumberFrom]?.GetValue<long>() ?? ConnectelSchema.DefaultInternalFrom;
        var to = values[ConnectelSchema.InternalNumberTo]?.GetValue<long>() ?? ConnectelSchema.DefaultInternalTo;
        if (to < from)
        {
            errors.Add(new FieldError(ConnectelSchema.InternalNumberTo, $"Auto-generated internal numbers to ({to}) must not be below from ({from})."));
        }
        foreach (var key in new[] { ConnectelSchema.ApiKeyPath, ConnectelSchema.AvatarPath })
        {
            if (Text(key) is { } path && !path.Contains("{id}", StringComparison.Ordinal))
            {
                errors.Add(new FieldError(key, $"'{path}' must contain {{id}} where the Connectel user id goes."));
            }
        }
        if (errors.Count > 0)
        {
            throw new ConnectelSettingsException(errors);
        }

        var basic = Text(ConnectelSchema.AuthMethod) == ConnectelSchema.AuthBasic;
        return new ConnectelOptions
        {
            BaseUrl = baseUrl!,
            ApiKey = basic ? null : Text(ConnectelSchema.ApiKey),
            Basic = basic ? (Text(ConnectelSchema.BasicUsername)!, Text(ConnectelSchema.BasicPassword)!) : null,
            SecuritySuite = values[ConnectelSchema.SecuritySuite]?.GetValue<bool>() == true,
            InternalNumbers = new NumberRange(from, to),
            RequestTimeout = TimeSpan.FromSeconds(values[ConnectelSchema.RequestTimeoutSeconds]!.GetValue<long>()),
            Names = new VendorNames(
                Text(ConnectelSchema.ProfileIdField)!,
                Text(ConnectelSchema.PasswordField)!,
                Text(ConnectelSchema.ChangePasswordField)!,
                Text(ConnectelSchema.DisabledField)!,
                Text(ConnectelSchema.LockedField)!,
                Text(ConnectelSchema.LastPasswordResetField)!,
                Text(ConnectelSchema.SsoField)!,
                Text(ConnectelSchema.MessengerSoundField)!,
                Text(ConnectelSchema.DescriptionField)!,
                Text(ConnectelSchema.ProfilesPath)!.TrimStart('/'),
                Text(ConnectelSchema.ApiKeyPath)!.TrimStart('/'),
                Text(ConnectelSchema.AvatarPath)!.TrimStart('/')),
        };
    }
}
