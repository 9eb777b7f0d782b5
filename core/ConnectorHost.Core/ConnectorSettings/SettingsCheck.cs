using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Core.FieldOptions;
using ConnectorHost.Core.Files;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Secrets;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.ConnectorSettings;

/// <summary>The stages every settings document passes, for users, groups and roles alike: secrets prepared, schema, connector, secrets sealed.</summary>
internal static class SettingsCheck
{
    /// <summary>
    /// The schema's generic rules, with fields whose options come from the connector checked against the cached lists;
    /// returns the normalized document or throws a 400 with every field error. Warnings are added to <paramref name="warnings"/>.
    /// </summary>
    /// <param name="kept">Values the request keeps as stored (an erased write-only secret sent back masked, an unchanged file reference): they count as set.</param>
    public static JsonObject ApplySchema(IReadOnlyList<FieldSchema> fields, JsonObject proposed, JsonObject? previous, IReadOnlyDictionary<string, CachedOptionList> options, List<FieldWarning> warnings, JsonObject? kept = null)
    {
        var generic = Validate(fields, proposed, previous, options);
        var errors = generic.Errors.Where(e => kept is null || !kept.ContainsKey(e.Field)).ToList();
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
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

    /// <summary>
    /// What a request validates against: the stored document with its secrets decrypted (a masked secret sent back
    /// keeps its value), and the proposal without the write-only secrets it keeps as they are.
    /// </summary>
    public static (JsonObject Proposed, JsonObject? Previous, JsonObject Kept) Prepare(SettingsSecrets secrets, IReadOnlyList<FieldSchema> fields, JsonObject proposed, JsonObject? stored)
    {
        var (withoutErased, kept) = SettingsSecrets.KeepErased(fields, proposed, stored);
        // A file reference sent back unchanged keeps the stored file, like a masked secret keeps the stored secret.
        var (rest, files) = FileFields.KeepReferences(fields, withoutErased, stored);
        foreach (var (key, value) in files)
        {
            kept[key] = value?.DeepClone();
        }
        return (rest, stored is null ? null : secrets.Open(stored), kept);
    }

    /// <summary>The document to store: kept values back in place, uploaded files stored apart, every secret encrypted.</summary>
    public static async Task<JsonObject> StoreAsync(HostDbContext db, SettingsSecrets secrets, IReadOnlyList<FieldSchema> fields, JsonObject settings, JsonObject kept, JsonObject? stored, DateTime now, CancellationToken cancellationToken)
    {
        var document = (JsonObject)settings.DeepClone();
        foreach (var (key, value) in kept)
        {
            document[key] = value?.DeepClone();
        }
        document = await FileFields.StoreAsync(db, fields, document, now, cancellationToken);
        return secrets.Seal(fields, document, stored, now);
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
