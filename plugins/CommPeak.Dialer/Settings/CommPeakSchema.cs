using ConnectorHost.Sdk.Schema;

namespace CommPeak.Dialer.Settings;

/// <summary>
/// Field keys and schemas of the CommPeak dialer connector. Labels follow CommPeak's "Creating a single user" page
/// (English UI); German labels are ours. Which CommPeak API field each setting lands in is in <see cref="CommPeakWireFields"/>.
/// </summary>
internal static class CommPeakSchema
{
    // Connector-level settings (plugins.json).
    public const string BaseUrl = "baseUrl";
    public const string ApiUsername = "apiUsername";
    public const string ApiPassword = "apiPassword";
    public const string RequestTimeoutSeconds = "requestTimeoutSeconds";
    public const string DefaultPhoneRegion = "defaultPhoneRegion";
    public const string UserPath = "userPath";
    public const string ListUsersPath = "listUsersPath";
    public const string PageParameter = "pageParameter";
    public const string PageSizeParameter = "pageSizeParameter";
    public const string UsernameParameter = "usernameParameter";
    public const string RolesPath = "rolesPath";
    public const string SkillGroupsPath = "skillGroupsPath";
    public const string TagsPath = "tagsPath";
    public const string DesksPath = "desksPath";
    public const string ErrorMessageProperty = "errorMessageProperty";
    public const string UpdateSendsMemberships = "updateSendsMemberships";
    public const string UndocumentedFieldNames = "undocumentedFieldNames";

    public const int DefaultRequestTimeout = 30;
    public const string DefaultRegion = "DE";

    // User settings.
    public const string Username = "username";
    public const string OauthEmail = "oauthEmail";
    public const string KerberosLogin = "kerberosLogin";
    public const string CaldavToken = "caldavToken";
    public const string Active = "active";
    public const string AssignLeads = "assignLeads";
    public const string UseExtendedIpAcl = "useExtendedIpAcl";
    public const string AllowedIps = "allowedIps";
    public const string AutoDial = "autoDial";
    public const string PersonalPredictiveQueue = "personalPredictiveQueue";
    public const string PredictiveQueueCallsPerAgent = "predictiveQueueCallsPerAgent";
    public const string PredictiveQueueMaxWaitSeconds = "predictiveQueueMaxWaitSeconds";
    public const string CallerIdName = "callerIdName";
    public const string CallerIdNumber = "callerIdNumber";
    public const string VirtualExtension = "virtualExtension";
    public const string TimeZone = "timeZone";
    public const string UserLanguage = "userLanguage";
    public const string TenantSuperuser = "tenantSuperuser";
    public const string MaxSessionTime = "maxSessionTime";
    public const string MaxConcurrentSessions = "maxConcurrentSessions";
    public const string TwoFactorType = "twoFactorType";
    public const string Tags = "tags";
    public const string MemberAllTags = "memberAllTags";
    public const string SkillGroups = "skillGroups";
    public const string MemberAllSkillGroups = "memberAllSkillGroups";
    public const string Roles = "roles";
    public const string Desks = "desks";
    public const string MemberAllDesks = "memberAllDesks";
    public const string SipOption = "sipOption";
    public const string CustomSipUri = "customSipUri";
    public const string PbxUsername = "pbxUsername";
    public const string PbxPassword = "pbxPassword";
    public const string PbxExtension = "pbxExtension";
    public const string PbxDynamic = "pbxDynamic";
    public const string CommPeakUserId = "commpeakUserId";

    public const string SipCustom = "custom";
    public const string SipWebRtc = "webrtc";
    public const string SipPbx = "pbx";
    public const string QueueTenant = "tenant";
    public const string QueueCustom = "custom";

    /// <summary>12 hours: CommPeak's own default session timeout.</summary>
    public const int DefaultMaxSessionTime = 43200;

    private const string SectionBasic = "Basic Settings";
    private const string SectionLists = "User Tags/Skill Groups/Roles";
    private const string SectionSip = "SIP Settings";
    private const string OptionsHelp = "CommPeak's own list (values are its ids, labels its names), read from the dialer.";

    public static IReadOnlyList<FieldSchema> ConnectorFields { get; } =
    [
        new(BaseUrl, new LocalizedText("Dialer URL").With("de", "Dialer-URL"), FieldType.String)
        {
            Required = true,
            MaxLength = 300,
            Help = "https://{tenant}.td.commpeak.com/ (API paths such as api/users are resolved below it). HTTPS only; plain http only for a loopback test server.",
        },
        new(ApiUsername, new LocalizedText("API user").With("de", "API-Benutzer"), FieldType.String)
        {
            Required = true,
            MaxLength = 200,
            Help = "The API user from Settings → API Management (HTTP Basic, realm 'api'); CommPeak requires an IP allow-list for it.",
        },
        new(ApiPassword, new LocalizedText("API password").With("de", "API-Passwort"), FieldType.Secret) { Required = true, MaxLength = 500 },
        new(RequestTimeoutSeconds, new LocalizedText("API timeout (seconds)").With("de", "API-Zeitlimit (Sekunden)"), FieldType.Int)
        {
            Default = DefaultRequestTimeout, Min = 1, Max = 300,
        },
        new(DefaultPhoneRegion, new LocalizedText("Default phone region").With("de", "Standard-Telefonregion"), FieldType.String)
        {
            Default = DefaultRegion, Pattern = "[A-Za-z]{2}", PatternMessage = "Default phone region must be a two-letter region code such as DE or US.",
            Help = "Region for caller ID numbers written without a country code.",
        },
        Unconfirmed(UserPath, "User path", "Benutzerpfad", "api/users/{id}", "Reads one user; {id} is CommPeak's user id."),
        Unconfirmed(ListUsersPath, "User list path", "Benutzerlisten-Pfad", "api/users/", "Lists users (reconcile, and the look-up by username before a create)."),
        Unconfirmed(PageParameter, "Page parameter", "Seitenparameter", "page", "Query parameter of the page number (starting at 1)."),
        Unconfirmed(PageSizeParameter, "Page size parameter", "Seitengrößenparameter", "per_page", "Query parameter of the page size."),
        Unconfirmed(UsernameParameter, "Username filter parameter", "Benutzernamen-Filterparameter", "username", "Query parameter that filters the user list by username."),
        Unconfirmed(RolesPath, "Roles path", "Rollenpfad", "api/roles", "Lists the tenant's roles as [{id, name}]."),
        Unconfirmed(SkillGroupsPath, "Skill groups path", "Skill-Gruppen-Pfad", "api/skill-groups", "Lists the tenant's skill groups as [{id, name}]."),
        Unconfirmed(TagsPath, "Tags path", "Tag-Pfad", "api/tags", "Lists the tenant's user tags as [{id, name}]."),
        Unconfirmed(DesksPath, "Desks path", "Desk-Pfad", "api/desks", "Lists the tenant's desks as [{id, name}]."),
        Unconfirmed(ErrorMessageProperty, "Error message property", "Fehlermeldungs-Eigenschaft", "message", "JSON property of an error answer that holds CommPeak's reason."),
        new(UpdateSendsMemberships, new LocalizedText("Update sends roles, skill groups, desks").With("de", "Aktualisierung sendet Rollen, Skill-Gruppen, Desks"), FieldType.Bool)
        {
            Default = false,
            Help = "Unconfirmed: CommPeak documents roles/skill_groups/desks for the create call only. On: the update call carries them too.",
        },
        new(UndocumentedFieldNames, new LocalizedText("API names of undocumented fields").With("de", "API-Namen undokumentierter Felder"), FieldType.StringList)
        {
            MaxLength = 120,
            Pattern = "[A-Za-z][A-Za-z0-9]*=[a-z][a-z0-9_]*",
            PatternMessage = "each entry must be settingKey=api_field_name, e.g. callerIdName=caller_id_name",
            Help = "Unconfirmed: settings CommPeak's public API does not name (caller ID, tags, CalDAV token, ...) are sent only once mapped here as settingKey=api_field_name, after checking the tenant's API reference.",
        },
    ];

    public static IReadOnlyList<FieldSchema> UserFields { get; } =
    [
        new(Username, new LocalizedText("Username").With("de", "Benutzername"), FieldType.String)
        {
            Section = SectionBasic,
            MaxLength = 100,
            Pattern = @"[A-Za-z0-9._@-]+",
            PatternMessage = "Username may contain letters, digits, '.', '_', '-' and '@' only.",
            Help = "Mandatory and unique at CommPeak. Empty: the core username.",
        },
        new(OauthEmail, new LocalizedText("OAuth Email").With("de", "OAuth-E-Mail"), FieldType.Email)
        {
            Section = SectionBasic,
            Help = "The user's Google account e-mail used for authorization.",
        },
        new(KerberosLogin, new LocalizedText("Kerberos login").With("de", "Kerberos-Anmeldung"), FieldType.String)
        {
            Section = SectionBasic,
            MaxLength = 200,
            Help = "Not used by CommPeak; kept so an existing value is not lost.",
        },
        new(CaldavToken, new LocalizedText("CalDAV token").With("de", "CalDAV-Token"), FieldType.Secret)
        {
            Section = SectionBasic,
            MaxLength = 500,
            WriteOnly = true,
            Help = "Token for showing the user's Google Calendar meetings in the dialer. Sent once, then erased here.",
        },
        new(Active, new LocalizedText("Active?").With("de", "Aktiv?"), FieldType.Bool) { Section = SectionBasic, Default = true },
        new(AssignLeads, new LocalizedText("Assign Leads to User?").With("de", "Leads dem Benutzer zuweisen?"), FieldType.Bool) { Section = SectionBasic, Default = false },
        new(UseExtendedIpAcl, new LocalizedText("Use extended IP ACL?").With("de", "Erweiterte IP-ACL verwenden?"), FieldType.Bool)
        {
            Section = SectionBasic,
            Default = false,
            Help = "On: the user reaches the dialer only from the allowed IPs.",
        },
        new(AllowedIps, new LocalizedText("Allowed IPs").With("de", "Erlaubte IPs"), FieldType.StringList)
        {
            Section = SectionBasic,
            RequiredWhen = new FieldCondition(UseExtendedIpAcl, true),
            VisibleWhen = new FieldCondition(UseExtendedIpAcl, true),
            Max = 100,
            MaxLength = 43,
            Help = "IPv4/IPv6 addresses or CIDR ranges, e.g. 203.0.113.7 or 198.51.100.0/24.",
        },
        new(AutoDial, new LocalizedText("Auto Dial").With("de", "Automatisch wählen"), FieldType.Bool)
        {
            Section = SectionBasic,
            Default = false,
            Help = "On: the user works in the auto-dialing mode.",
        },
        new(PersonalPredictiveQueue, new LocalizedText("Personal Predictive Queue").With("de", "Persönliche Predictive-Warteschlange"), FieldType.Enum)
        {
            Section = SectionBasic,
            Default = QueueTenant,
            AllowedValues =
            [
                new(QueueTenant, new LocalizedText("Tenant settings").With("de", "Mandanteneinstellungen")),
                new(QueueCustom, new LocalizedText("Custom for this agent").With("de", "Eigene für diesen Agenten")),
            ],
        },
        new(PredictiveQueueCallsPerAgent, new LocalizedText("Predictive queue: calls per agent").With("de", "Predictive-Warteschlange: Anrufe je Agent"), FieldType.Int)
        {
            Section = SectionBasic,
            VisibleWhen = new FieldCondition(PersonalPredictiveQueue, QueueCustom),
            RequiredWhen = new FieldCondition(PersonalPredictiveQueue, QueueCustom),
            Min = 1,
            Max = 20,
        },
        new(PredictiveQueueMaxWaitSeconds, new LocalizedText("Predictive queue: max wait (seconds)").With("de", "Predictive-Warteschlange: max. Wartezeit (Sekunden)"), FieldType.Int)
        {
            Section = SectionBasic,
            VisibleWhen = new FieldCondition(PersonalPredictiveQueue, QueueCustom),
            Min = 1,
            Max = 3600,
        },
        new(CallerIdName, new LocalizedText("Caller ID Name").With("de", "Anrufer-ID-Name"), FieldType.String) { Section = SectionBasic, MaxLength = 50 },
        new(CallerIdNumber, new LocalizedText("Caller ID Number").With("de", "Anrufer-ID-Nummer"), FieldType.String)
        {
            Section = SectionBasic,
            MaxLength = 32,
            Kind = SemanticKind.PhoneNumber,
            Help = "Stored in E.164 (+4930...); national numbers are read in the connector's default phone region.",
        },
        new(VirtualExtension, new LocalizedText("Virtual Extension").With("de", "Virtuelle Nebenstelle"), FieldType.String)
        {
            Section = SectionBasic,
            Pattern = "[0-9]{2,10}",
            PatternMessage = "Virtual Extension must be 2–10 digits.",
            Kind = SemanticKind.Extension,
            Help = "Empty: CommPeak generates one.",
        },
        new(TimeZone, new LocalizedText("Timezone").With("de", "Zeitzone"), FieldType.String)
        {
            Section = SectionBasic,
            MaxLength = 64,
            Help = "IANA time zone the user works in, e.g. Europe/Berlin. Empty: the core user's time zone.",
        },
        new(UserLanguage, new LocalizedText("User Language").With("de", "Sprache des Benutzers"), FieldType.Enum)
        {
            Section = SectionBasic,
            Default = "en_US",
            AllowedValues =
            [
                new("en_US", new LocalizedText("English").With("de", "Englisch")),
                new("es_ES", new LocalizedText("Spanish").With("de", "Spanisch")),
                new("pt_BR", new LocalizedText("Portuguese (Brazil)").With("de", "Portugiesisch (Brasilien)")),
                new("ru_RU", new LocalizedText("Russian").With("de", "Russisch")),
            ],
            Help = "The language the user speaks to clients (not the language of the user interface).",
        },
        new(TenantSuperuser, new LocalizedText("Make Tenant SuperUser").With("de", "Zum Mandanten-Superuser machen"), FieldType.Bool)
        {
            Section = SectionBasic,
            Help = "Administrator permissions. Empty: from the user's core roles (role setting), else no.",
        },
        new(MaxSessionTime, new LocalizedText("Max User Session Timeout (in seconds)").With("de", "Max. Sitzungsdauer (Sekunden)"), FieldType.Int)
        {
            Section = SectionBasic,
            Default = DefaultMaxSessionTime,
            Min = 1,
            Max = 31 * 24 * 3600,
            Help = "Default 43200 (12 hours).",
        },
        new(MaxConcurrentSessions, new LocalizedText("Max User Concurrent Sessions").With("de", "Max. gleichzeitige Sitzungen"), FieldType.Int)
        {
            Section = SectionBasic,
            Min = 1,
            Max = 1000,
            Help = "Empty: unlimited (CommPeak's default).",
        },
        new(TwoFactorType, new LocalizedText("Two-Factor Authentication Type").With("de", "Art der Zwei-Faktor-Authentifizierung"), FieldType.Enum)
        {
            Section = SectionBasic,
            Default = "default",
            AllowedValues =
            [
                new("default", new LocalizedText("Tenant default").With("de", "Mandantenstandard")),
                new("disabled", new LocalizedText("Disabled").With("de", "Aus")),
                new("email", new LocalizedText("E-mail").With("de", "E-Mail")),
                new("google", new LocalizedText("Google Authenticator").With("de", "Google Authenticator")),
            ],
        },
        new(Tags, new LocalizedText("User Tags").With("de", "Benutzer-Tags"), FieldType.MultiEnum) { Section = SectionLists, OptionsFromConnector = true, Help = OptionsHelp },
        new(MemberAllTags, new LocalizedText("User member with all the tenant tags").With("de", "Mitglied aller Tags des Mandanten"), FieldType.Bool)
        {
            Section = SectionLists, Default = false, Help = "Every existing and future tag; the explicit tag list then has no effect.",
        },
        new(SkillGroups, new LocalizedText("Skill Groups").With("de", "Skill-Gruppen"), FieldType.MultiEnum) { Section = SectionLists, OptionsFromConnector = true, Help = OptionsHelp },
        new(MemberAllSkillGroups, new LocalizedText("User member with all the tenant skill groups").With("de", "Mitglied aller Skill-Gruppen des Mandanten"), FieldType.Bool)
        {
            Section = SectionLists, Default = false, Help = "Every existing and future skill group; the explicit list then has no effect.",
        },
        new(Roles, new LocalizedText("Roles").With("de", "Rollen"), FieldType.MultiEnum)
        {
            Section = SectionLists,
            OptionsFromConnector = true,
            Help = "At least one role, counting those the user's core roles and groups map to.",
        },
        new(Desks, new LocalizedText("Desks").With("de", "Desks"), FieldType.MultiEnum) { Section = SectionLists, OptionsFromConnector = true, Help = OptionsHelp },
        new(MemberAllDesks, new LocalizedText("User member with all the tenant desks").With("de", "Mitglied aller Desks des Mandanten"), FieldType.Bool)
        {
            Section = SectionLists, Default = false,
        },
        new(SipOption, new LocalizedText("SIP Option").With("de", "SIP-Option"), FieldType.Enum)
        {
            Section = SectionSip,
            Default = SipWebRtc,
            AllowedValues =
            [
                new(SipCustom, new LocalizedText("Use custom URI").With("de", "Eigene URI verwenden")),
                new(SipWebRtc, new LocalizedText("Use WebRTC").With("de", "WebRTC verwenden")),
                new(SipPbx, new LocalizedText("Use PBXs").With("de", "PBX verwenden")),
            ],
        },
        new(CustomSipUri, new LocalizedText("Custom Sip Uri").With("de", "Eigene SIP-URI"), FieldType.String)
        {
            Section = SectionSip,
            RequiredWhen = new FieldCondition(SipOption, SipCustom),
            VisibleWhen = new FieldCondition(SipOption, SipCustom),
            MaxLength = 255,
            Pattern = @"sips?:[^\s@]+@[^\s@]+|sips?:[^\s@]+",
            PatternMessage = "Custom Sip Uri must be a sip: or sips: URI such as sip:agent7@pbx.example.com.",
        },
        new(PbxUsername, new LocalizedText("PBX username").With("de", "PBX-Benutzername"), FieldType.String)
        {
            Section = SectionSip, VisibleWhen = new FieldCondition(SipOption, SipPbx), MaxLength = 100, Help = "Only if the PBX settings require one.",
        },
        new(PbxPassword, new LocalizedText("PBX password").With("de", "PBX-Passwort"), FieldType.Secret)
        {
            Section = SectionSip, VisibleWhen = new FieldCondition(SipOption, SipPbx), MaxLength = 200, WriteOnly = true,
            Help = "Only if the PBX settings require one. Sent once, then erased here.",
        },
        new(PbxExtension, new LocalizedText("PBX extension").With("de", "PBX-Nebenstelle"), FieldType.String)
        {
            Section = SectionSip, VisibleWhen = new FieldCondition(SipOption, SipPbx), Pattern = "[0-9]{2,10}", PatternMessage = "PBX extension must be 2–10 digits.",
            Kind = SemanticKind.Extension, Help = "Either an extension or 'dynamic', not both.",
        },
        new(PbxDynamic, new LocalizedText("Dynamic extension").With("de", "Dynamische Nebenstelle"), FieldType.Bool)
        {
            Section = SectionSip, VisibleWhen = new FieldCondition(SipOption, SipPbx), Default = false,
        },
        new(CommPeakUserId, new LocalizedText("CommPeak user id").With("de", "CommPeak-Benutzer-ID"), FieldType.String)
        {
            Section = SectionBasic, MaxLength = 100, ReadOnlyAfterCreate = true,
            Help = "Assigned by CommPeak at the first push; cannot be edited.",
        },
    ];

    /// <summary>Per core group: CommPeak lists every member gets in addition to their own (same keys, so one option list each).</summary>
    public static IReadOnlyList<FieldSchema> GroupFields { get; } =
    [
        new(Roles, new LocalizedText("CommPeak roles for members").With("de", "CommPeak-Rollen der Mitglieder"), FieldType.MultiEnum) { OptionsFromConnector = true },
        new(SkillGroups, new LocalizedText("CommPeak skill groups for members").With("de", "CommPeak-Skill-Gruppen der Mitglieder"), FieldType.MultiEnum) { OptionsFromConnector = true },
        new(Tags, new LocalizedText("CommPeak tags for members").With("de", "CommPeak-Tags der Mitglieder"), FieldType.MultiEnum) { OptionsFromConnector = true },
    ];

    /// <summary>Per core role: the CommPeak roles, skill groups and tags it stands for, and whether it makes a tenant superuser.</summary>
    public static IReadOnlyList<FieldSchema> RoleFields { get; } =
    [
        new(Roles, new LocalizedText("CommPeak roles for holders").With("de", "CommPeak-Rollen der Inhaber"), FieldType.MultiEnum) { OptionsFromConnector = true },
        new(SkillGroups, new LocalizedText("CommPeak skill groups for holders").With("de", "CommPeak-Skill-Gruppen der Inhaber"), FieldType.MultiEnum) { OptionsFromConnector = true },
        new(Tags, new LocalizedText("CommPeak tags for holders").With("de", "CommPeak-Tags der Inhaber"), FieldType.MultiEnum) { OptionsFromConnector = true },
        new(TenantSuperuser, new LocalizedText("Make holders Tenant SuperUser").With("de", "Inhaber zu Mandanten-Superusern machen"), FieldType.Bool)
        {
            Help = "Applies to holders whose own 'Make Tenant SuperUser' is empty.",
        },
    ];

    private static FieldSchema Unconfirmed(string key, string en, string de, string @default, string help) =>
        new(key, new LocalizedText(en).With("de", de), FieldType.String)
        {
            Default = @default,
            MaxLength = 200,
            Help = "Unconfirmed (CommPeak's public docs are silent): " + help,
        };
}
