using System.Text.Json.Nodes;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.Sync;

/// <summary>
/// Stores the values a vendor assigned in a push (<see cref="Sdk.Requests.PushResult.SettingsPatch"/>) into the
/// entity's settings. The vendor is the authority for them, so read-only-after-create does not stop it; the type
/// and bounds of the schema still apply, and a patch that breaks them is refused whole.
/// </summary>
internal static class VendorAssignedValues
{
    /// <summary>Merges <paramref name="patch"/>; returns the field errors (nothing stored) or none. True in <c>changed</c> when the document moved.</summary>
    public static (IReadOnlyList<FieldError> Errors, bool Changed) Merge(IConnectorSetting stored, IReadOnlyList<FieldSchema> fields, JsonObject patch)
    {
        var current = DirectoryQueries.Parse(stored.Json);
        var merged = (JsonObject)current.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value.DeepClone();
            }
        }
        // No previous document: a read-only field the vendor assigns again (a moved account) is not the admin's change.
        var checkedDocument = SchemaValidator.Validate(fields, merged);
        if (!checkedDocument.IsValid)
        {
            return (checkedDocument.Errors, false);
        }
        if (JsonNode.DeepEquals(checkedDocument.Settings, current))
        {
            return ([], false);
        }
        stored.Json = checkedDocument.Settings.ToJsonString();
        stored.MarkChanged();
        return ([], true);
    }
}
