using ConnectorHost.Sdk.Schema;

namespace Starface.Cti.Tests;

/// <summary>
/// A settings or action form as an administrator reads it, one line per field and per choice: what is asked, in
/// English | German, with the rules the form enforces. Tests compare these lines with the vendor's guide.
/// </summary>
internal static class FormText
{
    public static IReadOnlyList<string> Of(IEnumerable<FieldSchema> fields) => fields.SelectMany(Field).ToList();

    private static IEnumerable<string> Field(FieldSchema f)
    {
        var rules = new List<string> { f.Type.ToString() };
        if (f.Required) rules.Add("required");
        if (f.RequiredWhen is { } when) rules.Add($"required when {when.Field}={when.Is?.ToJsonString()}");
        if (f.MaxLength is { } max) rules.Add($"max {max}");
        if (f.Min is { } lo) rules.Add($"min {lo}");
        if (f.Max is { } hi) rules.Add($"up to {hi}");
        if (f.Pattern is { } pattern) rules.Add($"pattern {pattern} ({f.PatternMessage})");
        if (f.Default is { } d) rules.Add($"default {d.ToJsonString()}");
        if (f.Section is { } section) rules.Add($"section {section}");
        if (f.Kind is { } kind) rules.Add($"kind {kind}");
        if (f.OptionsFromConnector) rules.Add($"options from connector every {f.OptionsRefreshSeconds} s");
        yield return $"{f.Key} [{string.Join(", ", rules)}]: {Both(f.Label)}";
        if (f.Help is { } help)
        {
            yield return $"  help: {Both(help)}";
        }
        foreach (var value in f.AllowedValues ?? [])
        {
            yield return $"  {value.Value}: {Both(value.Label)}";
        }
    }

    private static string Both(LocalizedText text) => $"{text.En} | {text.For("de")}";
}
