using ConnectorHost.Sdk.Bulk;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.Imports.UserFiles;

/// <summary>
/// One column of a layout: its header, what it holds (a core field, or a connector's user setting), and how its cells
/// are spelt (vendor values, list separator).
/// </summary>
internal sealed record LayoutColumn(string Header, CoreColumn? Core, string? ConnectorId, FieldSchema? Field)
{
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public bool Required { get; init; }
    /// <summary>Vendor spelling → stored value (null: the cell holds the stored value).</summary>
    public IReadOnlyDictionary<string, string>? Values { get; init; }
    public string ListSeparator { get; init; } = "|";

    /// <summary>The key errors are reported under by the use cases: a core field name, or the setting's key.</summary>
    public string ErrorKey => Core is { } core ? UserFileLayout.CoreHeader(core) : Field!.Key;

    /// <summary>The stored value of a cell (vendor spelling translated).</summary>
    public string ToStored(string cell) =>
        Values?.FirstOrDefault(v => string.Equals(v.Key, cell, StringComparison.OrdinalIgnoreCase)) is { Key: not null } match ? match.Value : cell;

    /// <summary>The cell text of a stored value (vendor spelling when the format has one).</summary>
    public string FromStored(string value) =>
        Values?.FirstOrDefault(v => string.Equals(v.Value, value, StringComparison.Ordinal)) is { Key: not null } match ? match.Key : value;
}
