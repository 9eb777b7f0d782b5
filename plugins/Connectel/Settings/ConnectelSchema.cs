using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace Connectel.Settings;

/// <summary>
/// Field keys and schemas of the Connectel connector, labelled in English and German like Connectel's own UI
/// ("Create Supervisor/User" help page). The user schema depends on the connector settings (Security Suite, avatar size).
/// </summary>
internal static class ConnectelSchema
{
    // Connector-level settings (plugins.json).
    public const string BaseUrl = "baseUrl";
    public const string AuthMethod = "authMethod";
    public const string ApiKey = "apiKey";
    public const string BasicUsername = "basicUsername";
    public const string BasicPassword = "basicPassword";
    public const string SecuritySuite = "securitySuite";
    public const string InternalNumberFrom = "internalNumberFrom";
    public const string InternalNumberTo = "internalNumberTo";
    public const string RequestTimeoutSeconds = "requestTimeoutSeconds";
    // Vendor names public sources do not confirm (docs/connectors/connectel.md, "Unconfirmed vendor names").
    public const string ProfileIdField = "profileIdField";
    public const string PasswordField = "passwordField";
    public const string ChangePasswordField = "changePasswordField";
    public const string DisabledField = "disabledField";
    public const string LockedField = "lockedField";
    public const string LastPasswordResetField = "lastPasswordResetField";
    public const string SsoField = "ssoField";
    public const string MessengerSoundField = "messengerSoundField";
    public const string DescriptionField = "descriptionField";
    public const string ProfilesPath = "profilesPath";
    public const string ApiKeyPath = "apiKeyPath";
    public const string AvatarPath = "avatarPath";

    public const string AuthApiKey = "apikey";
    public const string AuthBasic = "basic";

    // User settings (and role settings: role, userProfile).
    public const string Role = "role";
    public const string UserProfile = "userProfile";
    public const string FullName = "fullName";
    public const string Username = "username";
    public const string Password = "password";
    public const string Description = "description";
    public const string AutoInternalNumber = "autoInternalNumber";
    public const string InternalNumber = "internalNumber";
    public const string Disabled = "disabled";
    public const string LastPasswordReset = "lastPasswordReset";
    public const string Locked = "locked";
    public const string Sso = "sso";
    public const string Avatar = "avatar";
    public const string MessengerSound = "messengerSound";
    public const string Transport = "transport";
    public const string Nat = "nat";
    public const string Codecs = "codecs";
    public const string Context = "context";
    public const string CallGroups = "callGroups";
    public const string PickupGroups = "pickupGroups";

    public const string RoleAdmin = "Admin";
    public const string RoleUser = "User";
    public const string DefaultContext = "from-sip";
    public const int AvatarMaxBytes = 8 * 1024 * 1024;
    public const int MinPasswordLength = 8;
    public const long DefaultInternalFrom = 1000;
    public const long DefaultInternalTo = 1999;

    public static readonly string[] TransportValues = ["udp", "tcp", "ws", "wss"];
    public static readonly string[] NatValues = ["yes", "no", "force_rport", "comedia", "never", "route"];
    public static readonly string[] CodecValues = ["ulaw", "alaw", "gsm", "g722", "g729", "opus"];

    private const string SectionAccount = "Account";
    private const string SectionSecurity = "Security Suite";
    private const string SectionVoice = "Voice";

    private static LocalizedText T(string en, string de) => new LocalizedText(en).With("de", de);

    private static FieldSchema VendorName(string key, string en, string de, string defaultName) =>
        new(key, T(en, de), FieldType.String)
        {
            Default = defaultName,
            MaxLength = 200,
            Help = T($"Unconfirmed vendor name (default '{defaultName}'): check your server's /apidoc/ and set it if it differs.",
                $"Nicht bestätigter Name beim Hersteller (Standard '{defaultName}'): in /apidoc/ des Servers prüfen und bei Abweichung setzen."),
        };

    public static IReadOnlyList<FieldSchema> ConnectorFields { get; } =
    [
        new(BaseUrl, T("Connectel server URL", "Connectel-Server-URL"), FieldType.String)
        {
            Required = true,
            MaxLength = 500,
            Help = T("e.g. https://acme.connectel.io/ ; the API is below it at /api/.", "z. B. https://acme.connectel.io/ ; die API liegt darunter unter /api/."),
        },
        new(AuthMethod, T("Authentication", "Anmeldung"), FieldType.Enum)
        {
            Default = AuthApiKey,
            AllowedValues = [new(AuthApiKey, T("API key (?apikey=)", "API-Schlüssel (?apikey=)")), new(AuthBasic, T("Username and password (Basic)", "Benutzername und Passwort (Basic)"))],
        },
        new(ApiKey, T("API key", "API-Schlüssel"), FieldType.Secret)
        {
            MaxLength = 500,
            RequiredWhen = new FieldCondition(AuthMethod, AuthApiKey),
            VisibleWhen = new FieldCondition(AuthMethod, AuthApiKey),
            Help = T("The API key of an Admin-role Connectel user (Api Key Manager → Generate).", "API-Schlüssel eines Connectel-Benutzers mit Rolle Admin (Api Key Manager → Generate)."),
        },
        new(BasicUsername, T("API username", "API-Benutzername"), FieldType.String)
        {
            MaxLength = 200,
            RequiredWhen = new FieldCondition(AuthMethod, AuthBasic),
            VisibleWhen = new FieldCondition(AuthMethod, AuthBasic),
        },
        new(BasicPassword, T("API password", "API-Passwort"), FieldType.Secret)
        {
            MaxLength = 500,
            RequiredWhen = new FieldCondition(AuthMethod, AuthBasic),
            VisibleWhen = new FieldCondition(AuthMethod, AuthBasic),
        },
        new(SecuritySuite, T("Security Suite enabled", "Security Suite aktiviert"), FieldType.Bool)
        {
            Default = false,
            Help = T("As in Connectel's Admin Settings: strong passwords (upper, lower, digit, special) and the last password reset shown.",
                "Wie in den Admin-Einstellungen von Connectel: starke Passwörter (Groß-, Kleinbuchstabe, Ziffer, Sonderzeichen), letzte Passwortänderung sichtbar."),
        },
        new(InternalNumberFrom, T("Auto-generated internal numbers from", "Automatische Nebenstellen von"), FieldType.Int) { Default = DefaultInternalFrom, Min = 0, Max = 99_999_999 },
        new(InternalNumberTo, T("Auto-generated internal numbers to", "Automatische Nebenstellen bis"), FieldType.Int) { Default = DefaultInternalTo, Min = 0, Max = 99_999_999 },
        new(RequestTimeoutSeconds, T("API timeout (seconds)", "API-Zeitlimit (Sekunden)"), FieldType.Int) { Default = 30, Min = 1, Max = 300 },
        VendorName(ProfileIdField, "User field: user profile id", "Benutzerfeld: Benutzerprofil-ID", "UserProfileId"),
        VendorName(PasswordField, "User field: password", "Benutzerfeld: Passwort", "password"),
        VendorName(ChangePasswordField, "User field: change password at first login", "Benutzerfeld: Passwort bei erster Anmeldung ändern", "mustChangePassword"),
        VendorName(DisabledField, "User field: disabled", "Benutzerfeld: deaktiviert", "disabled"),
        VendorName(LockedField, "User field: locked", "Benutzerfeld: gesperrt", "locked"),
        VendorName(LastPasswordResetField, "User field: last password reset", "Benutzerfeld: letzte Passwortänderung", "lastPasswordReset"),
        VendorName(SsoField, "User field: SSO (Azure AD)", "Benutzerfeld: SSO (Azure AD)", "sso"),
        VendorName(MessengerSoundField, "User field: messenger sound", "Benutzerfeld: Messenger-Ton", "messengerSound"),
        VendorName(DescriptionField, "User field: description", "Benutzerfeld: Beschreibung", "description"),
        VendorName(ProfilesPath, "User profiles endpoint", "Endpunkt Benutzerprofile", "api/userProfiles"),
        VendorName(ApiKeyPath, "API key endpoint ({id} = user id)", "Endpunkt API-Schlüssel ({id} = Benutzer-ID)", "api/users/{id}/api_key"),
        VendorName(AvatarPath, "Avatar endpoint ({id} = user id)", "Endpunkt Avatar ({id} = Benutzer-ID)", "api/users/{id}/avatar"),
    ];

    /// <summary>Per core role: the Connectel role and user profile a holder gets unless their own settings say otherwise.</summary>
    public static IReadOnlyList<FieldSchema> RoleFields { get; } =
    [
        RoleField with { Help = T("Holders get this Connectel role unless their own settings name one; Admin wins over User.", "Inhaber erhalten diese Connectel-Rolle, sofern ihre eigenen Einstellungen keine nennen; Admin geht vor User.") },
        ProfileField with { Help = T("User profile of holders with role User, unless their own settings name one.", "Benutzerprofil der Inhaber mit Rolle User, sofern ihre eigenen Einstellungen keines nennen.") },
    ];

    private static FieldSchema RoleField => new(Role, T("Role", "Rolle"), FieldType.Enum)
    {
        AllowedValues = [new(RoleAdmin, T("Admin", "Admin")), new(RoleUser, T("User (supervisor)", "User (Supervisor)"))],
        Section = SectionAccount,
    };

    private static FieldSchema ProfileField => new(UserProfile, T("User profile", "Benutzerprofil"), FieldType.Enum)
    {
        OptionsFromConnector = true,
        OptionsRefreshSeconds = 300,
        Section = SectionAccount,
    };

    public static IReadOnlyList<FieldSchema> UserFields(ConnectelOptions options)
    {
        var fields = new List<FieldSchema>
        {
            RoleField with
            {
                ReadOnlyAfterCreate = true,
                Help = T("Fixed once set (Connectel cannot change a role). Empty: the user's core roles decide, else User.", "Nach dem Setzen fest (Connectel kann die Rolle nicht ändern). Leer: die Core-Rollen entscheiden, sonst User."),
            },
            ProfileField with
            {
                Help = T("Required for role User (here or through a core role); Admin ignores it.", "Pflicht bei Rolle User (hier oder über eine Core-Rolle); bei Admin ohne Wirkung."),
            },
            new(FullName, T("Full name", "Vollständiger Name"), FieldType.String)
            {
                MaxLength = 255,
                Section = SectionAccount,
                Help = T("Empty: the core display name.", "Leer: der Anzeigename im Core."),
            },
            new(Username, T("Username", "Benutzername"), FieldType.String)
            {
                MaxLength = 64,
                ReadOnlyAfterCreate = true,
                Section = SectionAccount,
                Help = T("Lowercase letters, digits and dots; empty: firstname.lastname from the core user. Fixed once set.", "Kleinbuchstaben, Ziffern und Punkte; leer: vorname.nachname aus dem Core. Nach dem Setzen fest."),
            },
            new(Password, T("Password", "Passwort"), FieldType.Secret)
            {
                MinLength = MinPasswordLength,
                MaxLength = 128,
                WriteOnly = true,
                Section = SectionAccount,
                Help = options.SecuritySuite
                    ? T("At least 8 characters with upper- and lower-case letters, a digit and a special character; changed by the user at first login.", "Mindestens 8 Zeichen mit Groß- und Kleinbuchstaben, Ziffer und Sonderzeichen; bei der ersten Anmeldung zu ändern.")
                    : T("At least 8 characters; changed by the user at first login.", "Mindestens 8 Zeichen; bei der ersten Anmeldung zu ändern."),
            },
            new(Description, T("Description", "Beschreibung"), FieldType.String) { MaxLength = 255, Section = SectionAccount },
            new(AutoInternalNumber, T("Auto generate internal number", "Nebenstelle automatisch vergeben"), FieldType.Bool) { Default = true, Section = SectionVoice },
            new(InternalNumber, T("Internal number", "Nebenstelle"), FieldType.String)
            {
                Pattern = "[0-9]{1,10}",
                PatternMessage = "Internal number must be 1 to 10 digits.",
                ReadOnlyAfterCreate = true,
                RequiredWhen = new FieldCondition(AutoInternalNumber, false),
                Kind = SemanticKind.Extension,
                Section = SectionVoice,
                Help = T($"Given from {options.InternalNumbers} while auto-generate is on; cannot be changed once set.", $"Bei automatischer Vergabe aus {options.InternalNumbers}; danach nicht mehr änderbar."),
            },
            new(Disabled, T("Disabled", "Deaktiviert"), FieldType.Bool) { Default = false, Section = SectionSecurity },
            new(Locked, T("Locked", "Gesperrt"), FieldType.Bool)
            {
                Section = SectionSecurity,
                Help = T("Reported by Connectel after failed logins; use the unlock action.", "Von Connectel nach Fehlanmeldungen gemeldet; mit der Aktion Entsperren aufheben."),
            },
            new(Sso, T("Single sign-on (Azure AD)", "Single Sign-on (Azure AD)"), FieldType.Bool) { Default = false, Section = SectionAccount },
            new(Avatar, T("Avatar", "Avatar"), FieldType.File)
            {
                MaxLength = AvatarMaxBytes,
                AcceptedContentTypes = ["image/png", "image/jpeg"],
                Section = SectionAccount,
                Help = T("PNG or JPG, at most 8 MB (checked by content).", "PNG oder JPG, höchstens 8 MB (nach Inhalt geprüft)."),
            },
            new(MessengerSound, T("Internal messenger sound", "Ton für interne Nachrichten"), FieldType.Bool) { Default = false, Section = SectionAccount },
            new(Transport, T("Transport", "Transport"), FieldType.Enum)
            {
                Default = "udp",
                AllowedValues = [.. TransportValues.Select(v => new AllowedValue(v, v.ToUpperInvariant()))],
                Section = SectionVoice,
            },
            new(Nat, T("NAT", "NAT"), FieldType.Enum)
            {
                Default = "no",
                AllowedValues = [.. NatValues.Select(v => new AllowedValue(v, v))],
                Section = SectionVoice,
            },
            new(Codecs, T("Allowed codecs", "Erlaubte Codecs"), FieldType.MultiEnum)
            {
                Default = new JsonArray("ulaw", "alaw"),
                AllowedValues = [.. CodecValues.Select(v => new AllowedValue(v, v))],
                Min = 1,
                Section = SectionVoice,
                Help = T("In order of preference.", "In Reihenfolge der Bevorzugung."),
            },
            new(Context, T("Context", "Kontext"), FieldType.String)
            {
                Default = DefaultContext,
                Pattern = "[A-Za-z0-9_-]{1,80}",
                PatternMessage = "Context may only contain letters, digits, '_' and '-'.",
                Section = SectionVoice,
            },
            new(CallGroups, T("Call group", "Rufgruppe"), FieldType.String)
            {
                MaxLength = 200,
                Section = SectionVoice,
                Help = T("Numbers 0–63, lists and ranges, e.g. 1,3-5.", "Zahlen 0–63, Listen und Bereiche, z. B. 1,3-5."),
            },
            new(PickupGroups, T("Pickup group", "Übernahmegruppe"), FieldType.String)
            {
                MaxLength = 200,
                Section = SectionVoice,
                Help = T("Calls ringing in these call groups can be picked up; numbers 0–63, lists and ranges.", "Anrufe dieser Rufgruppen können übernommen werden; Zahlen 0–63, Listen und Bereiche."),
            },
        };
        if (options.SecuritySuite)
        {
            fields.Insert(fields.FindIndex(f => f.Key == Locked), new FieldSchema(LastPasswordReset, T("Last password reset", "Letzte Passwortänderung"), FieldType.String)
            {
                MaxLength = 64,
                Section = SectionSecurity,
                Help = T("Reported by Connectel; shown only while the Security Suite is on.", "Von Connectel gemeldet; nur bei aktiver Security Suite sichtbar."),
            });
        }
        return fields;
    }
}
