using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Sdk;
using Starface.Cti.Groups;

namespace Starface.Cti.Settings;

/// <summary>Manifest, settings schemas and actions of the STARFACE CTI for Business Central connector.</summary>
internal static class StarfaceCtiSchema
{
    public const string ConnectorId = "starface-cti";

    public static ConnectorManifest Manifest { get; } = new(
        ConnectorId,
        "STARFACE CTI for Business Central",
        typeof(StarfaceCtiSchema).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
        SdkInfo.Version,
        ConnectorCapabilities.ValidateUserSettings
        | ConnectorCapabilities.ValidateGroupSettings
        | ConnectorCapabilities.ProjectUser
        | ConnectorCapabilities.ProjectGroup
        | ConnectorCapabilities.Actions
        | ConnectorCapabilities.PushUser
        | ConnectorCapabilities.PushGroup
        | ConnectorCapabilities.ListVendorUsers);

    // Connector-level keys (plugins.json).
    public static class ConnectorKeys
    {
        public const string TenantId = "businessCentralTenantId";
        public const string Environment = "businessCentralEnvironment";
        public const string CompanyId = "businessCentralCompanyId";
        public const string CompanyName = "businessCentralCompanyName";
        public const string ClientId = "businessCentralClientId";
        public const string ClientSecret = "businessCentralClientSecret";
        public const string TokenUrl = "businessCentralTokenUrl";
        public const string ApiBaseUrl = "businessCentralApiBaseUrl";
        public const string WebClientBaseUrl = "businessCentralWebClientBaseUrl";
        public const string RefreshMinutes = "directoryRefreshMinutes";
        public const string DefaultRegion = "defaultPhoneRegion";
        public const string StarfaceBaseUrl = "starfaceBaseUrl";
        public const string StarfaceLogin = "starfaceLogin";
        public const string StarfacePassword = "starfacePassword";
    }

    // User settings keys.
    public static class UserKeys
    {
        public const string CtiActive = "ctiActive";
        public const string Extension = "extension";
        public const string CtiGroup = "ctiGroup";
        public const string CtiPage = "ctiPage";
        public const string OpenCtiPage = "openCtiPage";
        public const string OpenCtiPageAt = "openCtiPageAt";
        public const string NotFoundAction = "notFoundAction";
    }

    // Group settings keys.
    public static class GroupKeys
    {
        public const string CtiGroup = "ctiGroup";
    }

    public const int GroupIdMaxLength = 20;
    public const int GroupNameMaxLength = 100;
    public const int ExtensionMaxLength = 20;

    public static IReadOnlyList<FieldSchema> ConnectorFields { get; } =
    [
        new(ConnectorKeys.TenantId, new LocalizedText("Business Central tenant ID", "Business Central Mandanten-ID"), FieldType.String)
        {
            Required = true,
            MaxLength = 100,
            Section = "Business Central",
            Help = new LocalizedText("Microsoft Entra tenant (GUID or domain) that owns the Business Central environment.", "Microsoft Entra Mandant (GUID oder Domäne) der Business Central Umgebung."),
        },
        new(ConnectorKeys.Environment, new LocalizedText("Business Central environment", "Business Central Umgebung"), FieldType.String)
        {
            Default = "production",
            MaxLength = 100,
            Pattern = "[A-Za-z0-9_-]+",
            PatternMessage = "Business Central environment may contain letters, digits, '-' and '_' only.",
            Section = "Business Central",
        },
        new(ConnectorKeys.CompanyId, new LocalizedText("Business Central company ID", "Business Central Unternehmens-ID"), FieldType.String)
        {
            Required = true,
            Pattern = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            PatternMessage = "Business Central company ID must be a GUID (the company id of API v2.0).",
            Section = "Business Central",
        },
        new(ConnectorKeys.CompanyName, new LocalizedText("Business Central company name", "Business Central Unternehmensname"), FieldType.String)
        {
            Required = true,
            MaxLength = 30,
            Section = "Business Central",
            Help = new LocalizedText("Company name used in web client links (?company=...).", "Unternehmensname für Web-Client-Links (?company=...)."),
        },
        new(ConnectorKeys.ClientId, new LocalizedText("OAuth client ID", "OAuth Client-ID"), FieldType.String)
        {
            Required = true,
            MaxLength = 100,
            Section = "Business Central",
        },
        new(ConnectorKeys.ClientSecret, new LocalizedText("OAuth client secret", "OAuth Client-Geheimnis"), FieldType.Secret)
        {
            Required = true,
            Section = "Business Central",
        },
        new(ConnectorKeys.TokenUrl, new LocalizedText("OAuth token endpoint", "OAuth Token-Endpunkt"), FieldType.String)
        {
            Section = "Business Central",
            Help = new LocalizedText("Empty: https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token.", "Leer: https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token."),
        },
        new(ConnectorKeys.ApiBaseUrl, new LocalizedText("Business Central API base URL", "Business Central API Basis-URL"), FieldType.String)
        {
            Default = "https://api.businesscentral.dynamics.com/v2.0",
            Section = "Business Central",
        },
        new(ConnectorKeys.WebClientBaseUrl, new LocalizedText("Business Central web client URL", "Business Central Web-Client-URL"), FieldType.String)
        {
            Default = "https://businesscentral.dynamics.com",
            Section = "Business Central",
        },
        new(ConnectorKeys.RefreshMinutes, new LocalizedText("Directory refresh interval (minutes)", "Aktualisierungsintervall Verzeichnis (Minuten)"), FieldType.Int)
        {
            // Parsed rather than JsonValue.Create(15): the SDK's SchemaValidator reads Int values as JsonElement.
            Default = JsonNode.Parse("15"),
            Min = 1,
            Max = 1440,
            Section = "Business Central",
        },
        new(ConnectorKeys.DefaultRegion, new LocalizedText("Default phone region", "Standard-Telefonregion"), FieldType.String)
        {
            Default = "DE",
            Pattern = "[A-Za-z]{2}",
            PatternMessage = "Default phone region must be a two-letter country code such as DE.",
            Section = "Business Central",
        },
        new(ConnectorKeys.StarfaceBaseUrl, new LocalizedText("STARFACE URL", "STARFACE URL"), FieldType.String)
        {
            Required = true,
            Section = "STARFACE",
            Help = new LocalizedText("Base address of the STARFACE PBX, e.g. https://pbx.example.com.", "Basisadresse der STARFACE, z. B. https://pbx.example.com."),
        },
        new(ConnectorKeys.StarfaceLogin, new LocalizedText("STARFACE login", "STARFACE Login"), FieldType.String)
        {
            Required = true,
            MaxLength = 100,
            Section = "STARFACE",
        },
        new(ConnectorKeys.StarfacePassword, new LocalizedText("STARFACE password", "STARFACE Passwort"), FieldType.Secret)
        {
            Required = true,
            Section = "STARFACE",
        },
    ];

    public static IReadOnlyList<FieldSchema> UserFields { get; } =
    [
        new(UserKeys.CtiActive, new LocalizedText("CTI active", "CTI aktiv"), FieldType.Bool)
        {
            Default = false,
            Help = new LocalizedText("Enables CTI for this user. Requires an extension.", "Gibt die CTI für diesen Nutzer frei. Erfordert eine Durchwahl."),
        },
        new(UserKeys.Extension, new LocalizedText("Extension", "Durchwahl"), FieldType.String)
        {
            MaxLength = ExtensionMaxLength,
            Pattern = "[0-9]+",
            PatternMessage = "Extension must contain digits only.",
            Help = new LocalizedText("The user's STARFACE internal number; unique among CTI-active users.", "Die interne STARFACE Rufnummer des Nutzers; eindeutig unter CTI-aktiven Nutzern."),
        },
        new(UserKeys.CtiGroup, new LocalizedText("CTI group", "CTI Gruppe"), FieldType.String)
        {
            MaxLength = GroupIdMaxLength,
            Help = new LocalizedText("Optional Group ID of an existing CTI group; empty: taken from the user's core groups.", "Optionale Gruppen-ID einer vorhandenen CTI Gruppe; leer: aus den Gruppen des Nutzers."),
        },
        new(UserKeys.CtiPage, new LocalizedText("CTI page", "CTI-Seite"), FieldType.Enum)
        {
            Default = CtiPageValues.Contacts,
            AllowedValues =
            [
                new(CtiPageValues.Contacts, new LocalizedText("Contacts (5050)", "Kontakte (5050)")),
                new(CtiPageValues.Customers, new LocalizedText("Customers (22)", "Debitoren (22)")),
                new(CtiPageValues.Vendors, new LocalizedText("Vendors (27)", "Kreditoren (27)")),
            ],
        },
        new(UserKeys.OpenCtiPage, new LocalizedText("Open CTI page", "CTI-Seite öffnen"), FieldType.Enum)
        {
            Default = OpenCtiPageValues.Incoming,
            AllowedValues =
            [
                new(OpenCtiPageValues.Incoming, new LocalizedText("Incoming calls", "Eingehende Anrufe")),
                new(OpenCtiPageValues.Outgoing, new LocalizedText("Outgoing calls", "Ausgehende Anrufe")),
                new(OpenCtiPageValues.Both, new LocalizedText("Incoming and outgoing calls", "Eingehende und ausgehende Anrufe")),
                new(OpenCtiPageValues.Never, new LocalizedText("Never", "Nie")),
            ],
        },
        new(UserKeys.OpenCtiPageAt, new LocalizedText("Time of opening CTI page", "Zeitpunkt des Öffnens der CTI-Seite"), FieldType.Enum)
        {
            Default = OpenCtiPageAtValues.Ringing,
            AllowedValues =
            [
                new(OpenCtiPageAtValues.Ringing, new LocalizedText("Ringing", "Beim Klingeln")),
                new(OpenCtiPageAtValues.Answered, new LocalizedText("Call answered", "Bei Annahme des Anrufs")),
                new(OpenCtiPageAtValues.Ended, new LocalizedText("Call ended", "Nach Ende des Anrufs")),
            ],
        },
        new(UserKeys.NotFoundAction, new LocalizedText("No. not found actions", "Nr. nicht gefunden Aktionen"), FieldType.Enum)
        {
            Default = NotFoundActionValues.None,
            AllowedValues =
            [
                new(NotFoundActionValues.None, new LocalizedText("Do nothing", "Nichts tun")),
                new(NotFoundActionValues.NewContact, new LocalizedText("Open new contact card with the number", "Neue Kontaktkarte mit der Nummer öffnen")),
                new(NotFoundActionValues.FilteredList, new LocalizedText("Open the CTI page list filtered by the number", "Liste der CTI-Seite nach der Nummer gefiltert öffnen")),
            ],
        },
    ];

    public static IReadOnlyList<FieldSchema> GroupFields { get; } =
    [
        new(GroupKeys.CtiGroup, new LocalizedText("CTI group", "CTI Gruppe"), FieldType.String)
        {
            MaxLength = GroupIdMaxLength,
            Help = new LocalizedText("Group ID of the CTI group the members of this group get when their own CTI group is empty.", "Gruppen-ID der CTI Gruppe, die Mitglieder erhalten, deren eigene CTI Gruppe leer ist."),
        },
    ];

    public static class ActionNames
    {
        public const string ListGroups = "cti-groups";
        public const string CreateGroup = "create-cti-group";
        public const string RenameGroup = "rename-cti-group";
        public const string DeleteGroup = "delete-cti-group";
        public const string VisibleUsers = "visible-users";
        public const string ScreenPop = "screen-pop";
    }
}
