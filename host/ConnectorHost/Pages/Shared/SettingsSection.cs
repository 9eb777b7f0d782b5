namespace ConnectorHost.Pages.Shared;

/// <summary>The fields of one schema section (empty name: the fields without a section).</summary>
internal sealed record SettingsSection(string Name, IReadOnlyList<SchemaFieldView> Fields);
