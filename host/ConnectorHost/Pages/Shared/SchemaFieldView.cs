using System.Text.Json.Nodes;
using ConnectorHost.Core.FieldOptions.GetFieldOptions;
using ConnectorHost.Core.Secrets;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Pages.Shared;

/// <summary>One schema field as the form shows it: its value (secrets never), error and warning, vendor options, conditions.</summary>
internal sealed record SchemaFieldView(FieldSchema Field, JsonNode? Value, string Prefix)
{
    public SecretStatus? Secret { get; init; }
    public string? Error { get; init; }
    public string? Warning { get; init; }
    public FieldOptionsDto? Options { get; init; }
    public bool OptionsFailed { get; init; }
    /// <summary>Read-only after create and already stored, or the admin may not change anything.</summary>
    public bool Locked { get; init; }
    public bool Visible { get; init; } = true;
    public bool RequiredNow { get; init; }

    public string Name => Prefix + Field.Key;
    public string Id => "f-" + Prefix.Replace('.', '-') + Field.Key;
    public string Label => Field.Label.For(UiText.Current.Language);
    public string? Help => Field.Help?.For(UiText.Current.Language);

    public IReadOnlyList<AllowedValue> Choices => Options?.Items ?? Field.AllowedValues ?? [];

    public string Text => SettingsForm.AsText(Value);

    public bool Checked => Value is JsonValue v && v.TryGetValue(out bool b) && b;

    public bool Has(string choice) => Value is JsonArray array
        ? array.Any(n => SettingsForm.AsText(n) == choice)
        : Text == choice;

    public string Lines => Value is JsonArray array ? string.Join("\n", array.Select(SettingsForm.AsText)) : Text;
}
