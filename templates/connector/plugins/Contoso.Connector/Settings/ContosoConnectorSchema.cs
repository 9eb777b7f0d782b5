using ConnectorHost.Sdk.Schema;

namespace Contoso.Connector.Settings;

/// <summary>The connector's fields: connector-level settings (plugins.json) and the settings each user has.</summary>
internal static class ContosoConnectorSchema
{
    public const string BaseUrl = "baseUrl";
    public const string ApiKey = "apiKey";
    public const string RequestTimeoutSeconds = "requestTimeoutSeconds";
    public const string Extension = "extension";

    public static IReadOnlyList<FieldSchema> ConnectorFields { get; } =
    [
        new(BaseUrl, new LocalizedText("API base URL").With("de", "API-Basis-URL"), FieldType.String) { Required = true },
        new(ApiKey, new LocalizedText("API key").With("de", "API-Schlüssel"), FieldType.Secret) { Required = true },
        new(RequestTimeoutSeconds, new LocalizedText("API timeout (seconds)").With("de", "API-Zeitlimit (Sekunden)"), FieldType.Int)
        {
            Default = 30, Min = 1, Max = 300,
        },
    ];

    public static IReadOnlyList<FieldSchema> UserFields { get; } =
    [
        new(Extension, new LocalizedText("Extension").With("de", "Nebenstelle"), FieldType.String)
        {
            Required = true,
            Pattern = "[0-9]{2,6}",
            PatternMessage = "Extension must be 2 to 6 digits.",
            Kind = SemanticKind.Extension,
        },
    ];
}
