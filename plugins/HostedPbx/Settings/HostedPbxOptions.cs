using ConnectorHost.Sdk.Hosting;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace HostedPbx.Settings;


/// <summary>
/// The connector-level settings from plugins.json, checked and normalized. A class rather than a record so
/// the API key can never end up in a generated <c>ToString()</c>.
/// </summary>
internal sealed class HostedPbxOptions
{
    public required Uri BaseUrl { get; init; }

    public required string ApiKey { get; init; }

    public required string ProvisioningServer { get; init; }

    /// <summary>The company's numbers in E.164 form, in the order configured.</summary>
    public required IReadOnlyList<string> NumberInventory { get; init; }

    public DialByNameMatch DialByNameMatch { get; init; } = DialByNameMatch.LastName;

    public string DefaultRegion { get; init; } = HostedPbxSchema.DefaultRegion;

    public int GreetingMaxBytes { get; init; } = HostedPbxSchema.DefaultGreetingMaxBytes;

    public TimeSpan ProvisioningTokenLifetime { get; init; } = TimeSpan.FromMinutes(HostedPbxSchema.DefaultProvisioningTokenMinutes);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(HostedPbxSchema.DefaultRequestTimeoutSeconds);

    public override string ToString() => $"HostedPbxOptions {{ BaseUrl = {BaseUrl}, ProvisioningServer = {ProvisioningServer} }}";

    /// <summary>Checks the plugins.json settings; throws <see cref="HostedPbxSettingsException"/> naming every bad field.</summary>
    public static HostedPbxOptions Parse(JsonObject settings, IPhoneNumbers phoneNumbers)
    {
        // Re-parsed so numbers built in code read like numbers parsed from plugins.json.
        var parsedSettings = JsonNode.Parse(settings.ToJsonString())!.AsObject();
        var checkedSettings = SchemaValidator.Validate(HostedPbxSchema.ConnectorFields, parsedSettings);
        var errors = checkedSettings.Errors.ToList();
        var values = checkedSettings.Settings;

        var baseUrlText = values[HostedPbxSchema.BaseUrl]?.GetValue<string>();
        Uri? baseUrl = null;
        if (baseUrlText is not null)
        {
            if (Uri.TryCreate(baseUrlText, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                && string.IsNullOrEmpty(parsed.Query) && string.IsNullOrEmpty(parsed.UserInfo))
            {
                // A trailing slash makes relative API paths resolve below the base path, not beside it.
                baseUrl = parsed.AbsoluteUri.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
            }
            else
            {
                // The value is not echoed: a URL may carry credentials.
                errors.Add(new FieldError(HostedPbxSchema.BaseUrl, "PBX API base URL must be an absolute http(s) URL without credentials or query, e.g. https://pbx.example.com/."));
            }
        }

        var server = values[HostedPbxSchema.ProvisioningServer]?.GetValue<string>();
        if (server is not null && Uri.CheckHostName(server) is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            errors.Add(new FieldError(HostedPbxSchema.ProvisioningServer, $"Provisioning server must be a host name such as sip.example.com (no scheme, path or port); got '{server}'."));
        }

        var region = values[HostedPbxSchema.DefaultRegionKey]?.GetValue<string>()?.ToUpperInvariant() ?? HostedPbxSchema.DefaultRegion;
        var regionIsValid = phoneNumbers.IsSupportedRegion(region);
        if (!regionIsValid)
        {
            errors.Add(new FieldError(HostedPbxSchema.DefaultRegionKey, $"Default region must be a two-letter region code such as DE or US; got '{region}'."));
        }

        var inventory = new List<string>();
        if (regionIsValid && values[HostedPbxSchema.NumberInventory] is JsonArray numbers)
        {
            for (var i = 0; i < numbers.Count; i++)
            {
                var text = numbers[i]!.GetValue<string>();
                if (phoneNumbers.ToE164(text, region) is not { } e164)
                {
                    errors.Add(new FieldError($"{HostedPbxSchema.NumberInventory}[{i}]", $"Number inventory entry {i + 1} ('{text}') is not a valid phone number (region {region})."));
                }
                else if (inventory.Contains(e164))
                {
                    errors.Add(new FieldError($"{HostedPbxSchema.NumberInventory}[{i}]", $"Number inventory entry {i + 1} ('{text}') lists {e164} a second time."));
                }
                else
                {
                    inventory.Add(e164);
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new HostedPbxSettingsException(errors);
        }

        return new HostedPbxOptions
        {
            BaseUrl = baseUrl!,
            ApiKey = values[HostedPbxSchema.ApiKey]!.GetValue<string>(),
            ProvisioningServer = server!.ToLowerInvariant(),
            NumberInventory = inventory,
            DialByNameMatch = values[HostedPbxSchema.DialByName]?.GetValue<string>() == HostedPbxSchema.MatchFirstName
                ? DialByNameMatch.FirstName
                : DialByNameMatch.LastName,
            DefaultRegion = region,
            GreetingMaxBytes = (int)values[HostedPbxSchema.GreetingMaxBytes]!.GetValue<long>(),
            ProvisioningTokenLifetime = TimeSpan.FromMinutes(values[HostedPbxSchema.ProvisioningTokenMinutes]!.GetValue<long>()),
            RequestTimeout = TimeSpan.FromSeconds(values[HostedPbxSchema.RequestTimeoutSeconds]!.GetValue<long>()),
        };
    }
}
