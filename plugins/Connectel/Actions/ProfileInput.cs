using ConnectorHost.Sdk.Schema;
using Connectel.Profiles;

namespace Connectel.Actions;

/// <summary>The input fields the profile actions share.</summary>
internal static class ProfileInput
{
    public const string Id = "id";

    public static FieldSchema IdField { get; } = new(Id, new LocalizedText("User profile id").With("de", "Benutzerprofil-ID"), FieldType.String) { Required = true, MaxLength = 64 };

    public static FieldSchema Name(bool required) => new("name", new LocalizedText("Name").With("de", "Name"), FieldType.String) { Required = required, MaxLength = 255 };

    public static FieldSchema Description { get; } = new("description", new LocalizedText("Description").With("de", "Beschreibung"), FieldType.String) { MaxLength = 255 };

    public static FieldSchema Permissions { get; } = new("permissions", new LocalizedText("Permissions").With("de", "Berechtigungen"), FieldType.MultiEnum)
    {
        AllowedValues = ProfilePermissions.AllowedValues,
        Help = new LocalizedText("What holders may view, create, modify and delete. User management, user profiles and software update belong to role Admin.")
            .With("de", "Was Inhaber sehen, anlegen, ändern und löschen dürfen. Benutzerverwaltung, Benutzerprofile und Software-Update gehören zur Rolle Admin."),
    };
}
