using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Testing;

/// <summary>The answer to <see cref="PluginHarness.PutUserSettingsAsync"/>.</summary>
/// <param name="Errors">The errors the API would answer 400/409 with (empty when stored).</param>
/// <param name="Warnings">Warnings of the schema and the connector.</param>
/// <param name="Stored">The document stored, or null when refused.</param>
public sealed record SettingsPutOutcome(IReadOnlyList<FieldError> Errors, IReadOnlyList<FieldWarning> Warnings, JsonObject? Stored)
{
    /// <summary>True when the connector refused the document as a clash with other data: the API answers 409, not 400.</summary>
    public bool IsConflict { get; init; }
}
