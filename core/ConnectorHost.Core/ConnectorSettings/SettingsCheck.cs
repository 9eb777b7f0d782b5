using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Core.FieldOptions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.ConnectorSettings;

/// <summary>The two stages every settings document passes, for users and groups alike.</summary>
internal static class SettingsCheck
{
    /// <summary>
    /// The schema's generic rules, with fields whose options come from the connector checked against the cached lists;
    /// returns the normalized document or throws a 400 with every field error. Warnings are added to <paramref name="warnings"/>.
    /// </summary>
    public static JsonObject ApplySchema(IReadOnlyList<FieldSchema> fields, JsonObject proposed, JsonObject? previous, IReadOnlyDictionary<string, CachedOptionList> options, List<FieldWarning> warnings)
    {
        var generic = Validate(fields, proposed, previous, options);
        if (!generic.IsValid)
        {
            throw new ValidationFailedException(generic.Errors);
        }
        warnings.AddRange(generic.Warnings);
        return generic.Settings;
    }

    /// <summary>The generic rules without throwing; stale option lists add a warning for each field that has a value.</summary>
    public static SchemaValidationResult Validate(IReadOnlyList<FieldSchema> fields, JsonObject proposed, JsonObject? previous, IReadOnlyDictionary<string, CachedOptionList> options)
    {
        var lists = options.ToDictionary(o => o.Key, o => o.Value.Items, StringComparer.Ordinal);
        var generic = SchemaValidator.Validate(fields, proposed, previous, lists);
        var stale = fields
            .Where(f => f.OptionsFromConnector && generic.Settings.ContainsKey(f.Key) && options.TryGetValue(f.Key, out var list) && list.Stale)
            .Select(f => new FieldWarning(f.Key,
                $"{f.Label.En} was checked against the list the connector gave at {options[f.Key].FetchedAt.ToString("u", CultureInfo.InvariantCulture)}; the vendor could not be reached for a newer one.",
                FieldWarningCodes.StaleOptions));
        return generic with { Warnings = [.. generic.Warnings, .. stale] };
    }

    /// <summary>The connector's verdict; returns the document to store or throws a 400 (409 when the connector calls it a conflict).</summary>
    public static JsonObject ApplyVendor(SettingsValidation vendor, JsonObject settings, List<FieldWarning> warnings)
    {
        if (vendor.Errors.Count == 0)
        {
            warnings.AddRange(vendor.Warnings);
            return vendor.Settings ?? settings;
        }
        throw vendor.IsConflict
            ? new ConflictException(string.Join(" ", vendor.Errors.Select(e => e.Message)), vendor.Errors)
            : new ValidationFailedException(vendor.Errors);
    }
}
