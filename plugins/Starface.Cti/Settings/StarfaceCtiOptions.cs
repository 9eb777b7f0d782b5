using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Sdk.Hosting;
using Keys = Starface.Cti.Settings.StarfaceCtiSchema.ConnectorKeys;

namespace Starface.Cti.Settings;

/// <summary>The connector-level settings from plugins.json, checked once when the plugin loads.</summary>
internal sealed record StarfaceCtiOptions
{
    public required string TenantId { get; init; }
    public required string Environment { get; init; }
    public required Guid CompanyId { get; init; }
    public required string CompanyName { get; init; }
    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }
    public required Uri TokenUrl { get; init; }
    public required Uri ApiBaseUrl { get; init; }
    public required Uri WebClientBaseUrl { get; init; }
    public required TimeSpan DirectoryRefreshInterval { get; init; }
    public required string DefaultRegion { get; init; }
    public required Uri StarfaceBaseUrl { get; init; }
    public required string StarfaceLogin { get; init; }
    public required string StarfacePassword { get; init; }

    /// <summary>The root of the company's API v2.0 entity sets, e.g. .../v2.0/{tenant}/{environment}/api/v2.0/companies({id})/.</summary>
    public Uri CompanyApiUrl => new(
        $"{ApiBaseUrl.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(TenantId)}/{Uri.EscapeDataString(Environment)}/api/v2.0/companies({CompanyId:D})/");

    // Secrets never reach logs through a record's generated ToString.
    public override string ToString() =>
        $"StarfaceCtiOptions {{ Tenant = {TenantId}, Environment = {Environment}, Company = {CompanyName}, Starface = {StarfaceBaseUrl} }}";

    /// <summary>Reads and checks the settings; throws <see cref="StarfaceCtiSettingsException"/> naming each bad field.</summary>
    public static StarfaceCtiOptions Parse(JsonObject settings, IPhoneNumbers phoneNumbers)
    {
        var result = SchemaValidator.Validate(StarfaceCtiSchema.ConnectorFields, settings);
        var errors = result.Errors.ToList();
        var s = result.Settings;

        var tokenUrl = OptionalUrl(s, Keys.TokenUrl, errors);
        var apiBase = OptionalUrl(s, Keys.ApiBaseUrl, errors);
        var webClient = OptionalUrl(s, Keys.WebClientBaseUrl, errors);
        var starface = OptionalUrl(s, Keys.StarfaceBaseUrl, errors);

        var region = Text(s, Keys.DefaultRegion).ToUpperInvariant();
        if (region.Length > 0 && !phoneNumbers.IsSupportedRegion(region))
        {
            errors.Add(new FieldError(Keys.DefaultRegion, $"Default phone region '{region}' is not a known phone region (two letters, e.g. DE)."));
        }

        if (errors.Count > 0)
        {
            throw new StarfaceCtiSettingsException(errors);
        }

        var tenant = Text(s, Keys.TenantId);
        return new StarfaceCtiOptions
        {
            TenantId = tenant,
            Environment = Text(s, Keys.Environment),
            CompanyId = Guid.Parse(Text(s, Keys.CompanyId)),
            CompanyName = Text(s, Keys.CompanyName),
            ClientId = Text(s, Keys.ClientId),
            ClientSecret = Text(s, Keys.ClientSecret),
            TokenUrl = tokenUrl ?? new Uri($"https://login.microsoftonline.com/{Uri.EscapeDataString(tenant)}/oauth2/v2.0/token"),
            ApiBaseUrl = apiBase!,
            WebClientBaseUrl = webClient!,
            DirectoryRefreshInterval = TimeSpan.FromMinutes(s[Keys.RefreshMinutes]!.GetValue<long>()),
            DefaultRegion = region,
            StarfaceBaseUrl = starface!,
            StarfaceLogin = Text(s, Keys.StarfaceLogin),
            StarfacePassword = Text(s, Keys.StarfacePassword),
        };
    }

    private static string Text(JsonObject settings, string key) =>
        settings[key] is JsonValue v && v.TryGetValue(out string? text) ? text : "";

    private static Uri? OptionalUrl(JsonObject settings, string key, List<FieldError> errors)
    {
        var text = Text(settings, key);
        if (text.Length == 0)
        {
            return null;
        }
        var label = StarfaceCtiSchema.ConnectorFields.First(f => f.Key == key).Label.En;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            if (uri.UserInfo.Length == 0)
            {
                return uri;
            }
            // Credentials in a URL would end up in logs and messages; they belong in the password settings.
            errors.Add(new FieldError(key, $"{label} must not contain a user name or password; use the credential settings."));
            return null;
        }
        errors.Add(new FieldError(key, string.Create(CultureInfo.InvariantCulture, $"{label} must be an absolute http or https URL.")));
        return null;
    }
}

/// <summary>The connector settings in plugins.json are invalid; the host marks the plugin faulted with this message.</summary>
internal sealed class StarfaceCtiSettingsException(IReadOnlyList<FieldError> errors)
    : Exception("Invalid starface-cti settings in plugins.json: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
