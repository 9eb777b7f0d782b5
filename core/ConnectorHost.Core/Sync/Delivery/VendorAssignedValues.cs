using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.ConnectorSettings.Owners;
using ConnectorHost.Core.Domain;
using ConnectorHost.Sdk.Schema;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Stores the values a vendor assigned in a push (<see cref="Sdk.Requests.PushResult.SettingsPatch"/>) or reported after
/// an action (<see cref="Sdk.Requests.ActionResult.SettingsPatch"/>) into the entity's settings. The vendor is the authority for them, so read-only-after-create does not stop it; the type
/// and bounds of the schema still apply, and a patch that breaks them is refused whole.
/// </summary>
internal static class VendorAssignedValues
{
    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="stored"/> with the schema's fields for its owner. The vendor
    /// already holds these values, so a patch the schema refuses is only logged (field names, never values). True when
    /// the document moved and is to be saved.
    /// </summary>
    public static bool Keep(ILogger logger, string connectorId, IConnectorSetting stored, ConnectorSchema? schema, JsonObject patch)
    {
        var owner = SettingsOwnerKind.Of(stored);
        var (errors, changed) = Merge(stored, schema is null ? [] : owner.Fields(schema), patch);
        if (errors.Count > 0)
        {
            logger.LogWarning("{Connector} reported values for {Owner} {EntityId} that its schema refuses ({Fields}); they were not stored",
                connectorId, owner.Name, stored.OwnerId, string.Join(", ", errors.Select(e => e.Field)));
        }
        return changed;
    }

    /// <summary>Merges <paramref name="patch"/>; returns the field errors (nothing stored) or none. True in <c>changed</c> when the document moved.</summary>
    public static (IReadOnlyList<FieldError> Errors, bool Changed) Merge(IConnectorSetting stored, IReadOnlyList<FieldSchema> fields, JsonObject patch)
    {
        var current = DirectoryQueries.Parse(stored.Json);
        // Only the patched fields are checked: the rest of the stored document keeps its stored form (encrypted
        // secrets, file references), which the schema's rules for what a client sends would not accept.
        var touched = fields.Where(f => patch.ContainsKey(f.Key)).ToList();
        var proposal = new JsonObject(patch.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value!.DeepClone())));
        // No previous document: a read-only field the vendor assigns again (a moved account) is not the admin's change.
        var checkedPatch = SchemaValidator.Validate(touched, proposal);
        if (!checkedPatch.IsValid)
        {
            return (checkedPatch.Errors, false);
        }
        var merged = (JsonObject)current.DeepClone();
        foreach (var field in touched)
        {
            if (checkedPatch.Settings[field.Key] is { } value)
            {
                merged[field.Key] = value.DeepClone();
            }
            else
            {
                merged.Remove(field.Key);
            }
        }
        if (JsonNode.DeepEquals(merged, current))
        {
            return ([], false);
        }
        stored.Json = merged.ToJsonString();
        stored.MarkChanged();
        return ([], true);
    }
}
