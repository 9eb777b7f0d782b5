using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Core.ConnectorSettings;

/// <summary>The two stages every settings document passes, for users, groups and roles alike.</summary>
internal static class SettingsCheck
{
    /// <summary>The schema's generic rules; returns the normalized document or throws a 400 with every field error.</summary>
    public static JsonObject ApplySchema(IReadOnlyList<FieldSchema> fields, JsonObject proposed, JsonObject? previous)
    {
        var generic = SchemaValidator.Validate(fields, proposed, previous);
        return generic.IsValid ? generic.Settings : throw new ValidationFailedException(generic.Errors);
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
