using ConnectorHost.Sdk.Bulk;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Testing;

/// <summary>
/// Checks a connector's declared <see cref="UserFileFormat"/> against its own schema, so a plugin test catches a column
/// that names a missing setting, a value map onto a value the field does not allow, or a vendor-mandatory column left optional.
/// </summary>
public static class UserFileFormatChecks
{
    /// <summary>Every problem found, as readable sentences (empty: the declaration is consistent).</summary>
    /// <param name="format">The declared format.</param>
    /// <param name="userSchema">The connector's user schema.</param>
    /// <param name="mandatoryHeaders">Headers the vendor requires in every row.</param>
    public static IReadOnlyList<string> Problems(UserFileFormat format, IReadOnlyList<FieldSchema> userSchema, params string[] mandatoryHeaders)
    {
        var problems = new List<string>();
        var fields = userSchema.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var headers = format.Columns.SelectMany(c => c.Aliases.Prepend(c.Header)).Select(h => h.Trim()).ToList();
        foreach (var duplicate in headers.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"Header or alias '{duplicate.Key}' is used more than once.");
        }
        foreach (var column in format.Columns)
        {
            FieldSchema? field = null;
            if (column.Target is SettingTarget setting && !fields.TryGetValue(setting.FieldKey, out field))
            {
                problems.Add($"Column '{column.Header}' holds setting '{setting.FieldKey}', which is not in the user schema.");
                continue;
            }
            if (column.Values is not { } values)
            {
                continue;
            }
            if (field?.AllowedValues is not { } allowed)
            {
                problems.Add($"Column '{column.Header}' maps values, but its target has no fixed list of allowed values.");
                continue;
            }
            foreach (var (spelling, value) in values.Where(v => !allowed.Any(a => a.Value == v.Value)))
            {
                problems.Add($"Column '{column.Header}' maps '{spelling}' to '{value}', which '{field.Key}' does not allow.");
            }
            foreach (var missing in allowed.Where(a => !values.Values.Contains(a.Value)))
            {
                problems.Add($"Column '{column.Header}' has no file spelling for '{missing.Value}'.");
            }
        }
        foreach (var header in mandatoryHeaders.Where(h => !format.Columns.Any(c => c.Required && string.Equals(c.Header, h, StringComparison.OrdinalIgnoreCase))))
        {
            problems.Add($"The vendor requires column '{header}', but the format has no required column of that name.");
        }
        return problems;
    }
}
