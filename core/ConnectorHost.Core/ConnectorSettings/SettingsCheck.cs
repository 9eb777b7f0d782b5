using System.Text.Json.Nodes;
using ConnectorHost.Core.Files;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Secrets;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.ConnectorSettings;

/// <summary>The stages every settings document passes, for users, groups and roles alike: secrets prepared, schema, connector, secrets sealed.</summary>
internal static class SettingsCheck
{
    /// <summary>The schema's generic rules; returns the normalized document or throws a 400 with every field error.</summary>
    /// <param name="kept">Values the request keeps as stored (an erased write-only secret sent back masked, an unchanged file reference): they count as set.</param>
    public static JsonObject ApplySchema(IReadOnlyList<FieldSchema> fields, JsonObject proposed, JsonObject? previous, JsonObject? kept = null)
    {
        var generic = SchemaValidator.Validate(fields, proposed, previous);
        var errors = generic.Errors.Where(e => kept is null || !kept.ContainsKey(e.Field)).ToList();
        return errors.Count == 0 ? generic.Settings : throw new ValidationFailedException(errors);
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
    public static JsonObject ApplyVendor(SettingsValidation vendor, JsonObject settings)
    {
        if (vendor.Errors.Count == 0)
        {
            return vendor.Settings ?? settings;
        }
        throw vendor.IsConflict
            ? new ConflictException(string.Join(" ", vendor.Errors.Select(e => e.Message)), vendor.Errors)
            : new ValidationFailedException(vendor.Errors);
    }
}
