namespace ConnectorHost.Sdk.Bulk;

/// <summary>One column of a <see cref="UserFileFormat"/>.</summary>
/// <param name="Header">The header written on export and matched on import (case-insensitive, trimmed).</param>
/// <param name="Target">The core field or connector setting the column holds.</param>
public sealed record UserFileColumn(string Header, UserFileTarget Target)
{
    /// <summary>Every row must have a value in this column (an import names the row and column otherwise).</summary>
    public bool Required { get; init; }

    /// <summary>Other header names accepted on import for this column.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// Vendor spelling → stored value, for columns whose file values differ from the field's values
    /// (e.g. <c>WebRTC</c> → <c>webrtc</c>); matched case-insensitively on import, reversed on export.
    /// Null means the cell holds the stored value as text.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Values { get; init; }

    /// <summary>Separator between the items of a list value in one cell (groups, roles, list settings).</summary>
    public string ListSeparator { get; init; } = "|";
}
