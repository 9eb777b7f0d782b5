using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace Contoso.Connector.Settings;

/// <summary>
/// The connector settings from plugins.json, checked against the connector schema. A class, not a record, so the API
/// key never shows in a generated ToString().
/// </summary>
internal sealed class ContosoConnectorOptions
{
    public required Uri BaseUrl { get; init; }

    public required string ApiKey { get; init; }

    public required TimeSpan RequestTimeout { get; init; }

    public override string ToString() => $"ContosoConnectorOptions {{ BaseUrl = {BaseUrl} }}";

    /// <summary>Checks the settings with the schema's own rules (the host checks them only after the module loaded).</summary>
    public static ContosoConnectorOptions Parse(JsonObject settings)
    {
        // The host does not apply schema defaults to connector settings: the validator does, here.
        var checkedSettings = SchemaValidator.Validate(ContosoConnectorSchema.ConnectorFields, (JsonObject)settings.DeepClone());
        var errors = checkedSettings.Errors.Select(e => $"{e.Field}: {e.Message}").ToList();
        var values = checkedSettings.Settings;
        var url = values[ContosoConnectorSchema.BaseUrl]?.GetValue<string>();
        if (url is not null && (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out _) || url.Contains('@')))
        {
            // Not echoed: a URL may carry credentials.
            errors.Add($"{ContosoConnectorSchema.BaseUrl}: must be an absolute URL without credentials.");
        }
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Contoso Connector settings in plugins.json are invalid: " + string.Join(" ", errors));
        }
        return new ContosoConnectorOptions
        {
            // A trailing slash makes relative API paths resolve below the base path.
            BaseUrl = new Uri(url!.EndsWith('/') ? url : url + "/"),
            ApiKey = values[ContosoConnectorSchema.ApiKey]!.GetValue<string>(),
            // An Int field arrives from SchemaValidator as a long.
            RequestTimeout = TimeSpan.FromSeconds(values[ContosoConnectorSchema.RequestTimeoutSeconds]!.GetValue<long>()),
        };
    }
}
