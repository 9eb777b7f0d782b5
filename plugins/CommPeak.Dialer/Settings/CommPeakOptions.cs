using System.Net;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Schema;

namespace CommPeak.Dialer.Settings;

/// <summary>
/// The connector-level settings from plugins.json, checked and normalized. A class rather than a record so the API
/// password never ends up in a generated <c>ToString()</c>.
/// </summary>
internal sealed class CommPeakOptions
{
    public required Uri BaseUrl { get; init; }

    public required string ApiUsername { get; init; }

    public required string ApiPassword { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(CommPeakSchema.DefaultRequestTimeout);

    public string DefaultPhoneRegion { get; init; } = CommPeakSchema.DefaultRegion;

    public string UserPath { get; init; } = "api/users/{id}";

    public string ListUsersPath { get; init; } = "api/users/";

    public string PageParameter { get; init; } = "page";

    public string PageSizeParameter { get; init; } = "per_page";

    public string UsernameParameter { get; init; } = "username";

    /// <summary>Path of each vendor list, by user-schema key (roles, skillGroups, tags, desks).</summary>
    public required IReadOnlyDictionary<string, string> OptionPaths { get; init; }

    public string ErrorMessageProperty { get; init; } = "message";

    public bool UpdateSendsMemberships { get; init; }

    /// <summary>Settings CommPeak's public API does not name, mapped by the admin to the tenant's field names (setting key → API field).</summary>
    public required IReadOnlyDictionary<string, string> UndocumentedFieldNames { get; init; }

    public override string ToString() => $"CommPeakOptions {{ BaseUrl = {BaseUrl}, ApiUsername = {ApiUsername} }}";

    /// <summary>Checks the plugins.json settings; throws <see cref="CommPeakSettingsException"/> naming every bad field.</summary>
    public static CommPeakOptions Parse(JsonObject settings, IPhoneNumbers phoneNumbers)
    {
        // Re-parsed so numbers built in code read like numbers parsed from plugins.json.
        var checkedSettings = SchemaValidator.Validate(CommPeakSchema.ConnectorFields, JsonNode.Parse(settings.ToJsonString())!.AsObject());
        var errors = checkedSettings.Errors.ToList();
        var values = checkedSettings.Settings;
        string? Text(string key) => values[key]?.GetValue<string>();

        Uri? baseUrl = null;
        if (Text(CommPeakSchema.BaseUrl) is { } url)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && IsAllowedScheme(parsed)
                && string.IsNullOrEmpty(parsed.Query) && string.IsNullOrEmpty(parsed.UserInfo))
            {
                // A trailing slash makes relative API paths resolve below the base path, not beside it.
                baseUrl = parsed.AbsoluteUri.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
            }
            else
            {
                // Not echoed: a URL may carry credentials.
                errors.Add(new FieldError(CommPeakSchema.BaseUrl, "Dialer URL must be an absolute https URL without credentials or query, e.g. https://acme.td.commpeak.com/ (http only for 127.0.0.1/localhost)."));
            }
        }

        var region = Text(CommPeakSchema.DefaultPhoneRegion)?.ToUpperInvariant() ?? CommPeakSchema.DefaultRegion;
        if (!phoneNumbers.IsSupportedRegion(region))
        {
            errors.Add(new FieldError(CommPeakSchema.DefaultPhoneRegion, $"Default phone region must be a two-letter region code such as DE or US; got '{region}'."));
        }

        var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
        if (values[CommPeakSchema.UndocumentedFieldNames] is JsonArray entries)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var parts = entries[i]!.GetValue<string>().Split('=', 2);
                if (!CommPeakWireFields.Undocumented.Contains(parts[0]))
                {
                    errors.Add(new FieldError($"{CommPeakSchema.UndocumentedFieldNames}[{i}]",
                        $"'{parts[0]}' is not an undocumented CommPeak setting; these are: {string.Join(", ", CommPeakWireFields.Undocumented)}."));
                }
                else if (CommPeakWireFields.DocumentedNames.Contains(parts[1]) || mapped.ContainsValue(parts[1]))
                {
                    errors.Add(new FieldError($"{CommPeakSchema.UndocumentedFieldNames}[{i}]", $"API field '{parts[1]}' is already sent for another setting."));
                }
                else
                {
                    mapped[parts[0]] = parts[1];
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new CommPeakSettingsException(errors);
        }

        return new CommPeakOptions
        {
            BaseUrl = baseUrl!,
            ApiUsername = Text(CommPeakSchema.ApiUsername)!,
            ApiPassword = Text(CommPeakSchema.ApiPassword)!,
            RequestTimeout = TimeSpan.FromSeconds(values[CommPeakSchema.RequestTimeoutSeconds]!.GetValue<long>()),
            DefaultPhoneRegion = region,
            UserPath = Text(CommPeakSchema.UserPath)!,
            ListUsersPath = Text(CommPeakSchema.ListUsersPath)!,
            PageParameter = Text(CommPeakSchema.PageParameter)!,
            PageSizeParameter = Text(CommPeakSchema.PageSizeParameter)!,
            UsernameParameter = Text(CommPeakSchema.UsernameParameter)!,
            OptionPaths = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [CommPeakSchema.Roles] = Text(CommPeakSchema.RolesPath)!,
                [CommPeakSchema.SkillGroups] = Text(CommPeakSchema.SkillGroupsPath)!,
                [CommPeakSchema.Tags] = Text(CommPeakSchema.TagsPath)!,
                [CommPeakSchema.Desks] = Text(CommPeakSchema.DesksPath)!,
            },
            ErrorMessageProperty = Text(CommPeakSchema.ErrorMessageProperty)!,
            UpdateSendsMemberships = values[CommPeakSchema.UpdateSendsMemberships]!.GetValue<bool>(),
            UndocumentedFieldNames = mapped,
        };
    }

    // CommPeak serves its API over HTTPS only; plain http is for a test server on this machine.
    private static bool IsAllowedScheme(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps
        || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))));
}
