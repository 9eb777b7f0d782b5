using ConnectorHost.Core.Connectors;
using ConnectorHost.Sdk.Bulk;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.Imports.UserFiles;

/// <summary>
/// The columns of a user file: the core format (core fields plus <c>&lt;connectorId&gt;.&lt;field&gt;</c> for every
/// loaded connector's user settings) or a connector's vendor <see cref="UserFileFormat"/>. Both are read and written
/// by the same code; a vendor format only renames columns and spells values its way.
/// </summary>
internal sealed class UserFileLayout
{
    private UserFileLayout(string? format, IReadOnlyList<LayoutColumn> columns, int? maxRows, char delimiter)
    {
        Format = format;
        Columns = columns;
        MaxRowsPerFile = maxRows;
        Delimiter = delimiter;
    }

    /// <summary>The vendor format's name, or null for the core format.</summary>
    public string? Format { get; }

    public IReadOnlyList<LayoutColumn> Columns { get; }

    public int? MaxRowsPerFile { get; }

    public char Delimiter { get; }

    public static string CoreHeader(CoreColumn column) => column switch
    {
        CoreColumn.Username => "username",
        CoreColumn.FirstName => "firstName",
        CoreColumn.LastName => "lastName",
        CoreColumn.DisplayName => "displayName",
        CoreColumn.Email => "email",
        CoreColumn.PhoneNumbers => "phoneNumbers",
        CoreColumn.Extension => "extension",
        CoreColumn.Language => "language",
        CoreColumn.TimeZone => "timeZone",
        CoreColumn.Enabled => "enabled",
        CoreColumn.Groups => "groups",
        CoreColumn.Roles => "roles",
        _ => column.ToString(),
    };

    /// <summary>The core format: every core field, then each loaded connector's user settings (uploaded files excepted).</summary>
    public static UserFileLayout Core(IConnectorCatalog catalog)
    {
        var columns = Enum.GetValues<CoreColumn>()
            .Select(c => new LayoutColumn(CoreHeader(c), c, null, null) { Required = c == CoreColumn.Username })
            .ToList();
        foreach (var connector in catalog.All.Where(c => c is { Status: ConnectorStatus.Loaded, Description: not null }).OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            columns.AddRange(connector.Description!.Schema.User
                .Where(f => f.Type != FieldType.File)
                .Select(f => new LayoutColumn($"{connector.Id}.{f.Key}", null, connector.Id, f)));
        }
        return new UserFileLayout(null, columns, null, ',');
    }

    /// <summary>The layout of the vendor format <paramref name="name"/>, or a file error listing the formats there are.</summary>
    public static UserFileLayout Vendor(IConnectorCatalog catalog, string name)
    {
        var formats = catalog.All
            .Where(c => c is { Status: ConnectorStatus.Loaded, Description: not null })
            .SelectMany(c => c.Description!.FileFormats.Select(f => (Connector: c, Format: f)))
            .ToList();
        var (connector, format) = formats.FirstOrDefault(f => string.Equals(f.Format.Name, name, StringComparison.OrdinalIgnoreCase));
        if (format is null)
        {
            throw new UserFileException(formats.Count == 0
                ? $"Unknown format '{name}': no loaded connector contributes a user file format."
                : $"Unknown format '{name}'. Formats: {string.Join(", ", formats.Select(f => f.Format.Name))}.");
        }
        var fields = connector.Description!.Schema.User;
        var columns = format.Columns.Select(c => c.Target switch
        {
            CoreFieldTarget core => new LayoutColumn(c.Header, core.Column, null, null),
            SettingTarget setting => new LayoutColumn(c.Header, null, connector.Id,
                fields.FirstOrDefault(f => f.Key == setting.FieldKey)
                ?? throw new UserFileException($"Format '{format.Name}' of connector '{connector.Id}' maps column '{c.Header}' to '{setting.FieldKey}', which is not one of its user settings.")),
            _ => throw new UserFileException($"Format '{format.Name}': column '{c.Header}' has an unknown target."),
        } with
        {
            Aliases = c.Aliases,
            Required = c.Required,
            Values = c.Values,
            ListSeparator = c.ListSeparator,
        }).ToList();
        return new UserFileLayout(format.Name, columns, format.MaxRowsPerFile, format.Delimiter);
    }

    public static UserFileLayout For(IConnectorCatalog catalog, string? format) =>
        string.IsNullOrWhiteSpace(format) ? Core(catalog) : Vendor(catalog, format.Trim());

    /// <summary>
    /// The layout column of each file column (header names trimmed, any case, aliases accepted); unknown, empty or
    /// repeated headers and missing required columns are one file error naming them all.
    /// </summary>
    public int[] Resolve(IReadOnlyList<string> headers)
    {
        var errors = new List<string>();
        var result = new int[headers.Count];
        var seen = new Dictionary<int, string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Trim().TrimStart('\uFEFF');
            var index = IndexOf(name);
            result[i] = index;
            if (name.Length == 0)
            {
                errors.Add($"header column {i + 1} is empty");
            }
            else if (index < 0)
            {
                errors.Add($"unknown column '{name}'");
            }
            else if (seen.TryGetValue(index, out var first))
            {
                errors.Add(string.Equals(first, name, StringComparison.OrdinalIgnoreCase)
                    ? $"column '{name}' appears twice in the header (columns {Array.IndexOf(result, index) + 1} and {i + 1})"
                    : $"columns '{first}' and '{name}' are the same column");
            }
            else
            {
                seen[index] = name;
            }
        }
        var missing = Columns.Select((c, i) => (c, i)).Where(x => x.c.Required && !seen.ContainsKey(x.i)).Select(x => x.c.Header).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"required column{(missing.Count > 1 ? "s" : "")} missing: {string.Join(", ", missing)}");
        }
        if (errors.Count > 0)
        {
            var known = Format is null ? "core columns: " + string.Join(", ", Columns.Where(c => c.Core is not null).Select(c => c.Header)) + ", and <connectorId>.<field> for connector settings"
                : "columns: " + string.Join(", ", Columns.Select(c => c.Header));
            throw new UserFileException($"The header row cannot be used: {string.Join("; ", errors)}. Expected {known}.");
        }
        return result;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            var column = Columns[i];
            if (string.Equals(column.Header, name, StringComparison.OrdinalIgnoreCase)
                || column.Aliases.Any(a => string.Equals(a.Trim(), name, StringComparison.OrdinalIgnoreCase)))
            {
                return i;
            }
        }
        return -1;
    }
}
