using ConnectorHost.Sdk.Schema;

namespace HostedPbx.Settings;

/// <summary>
/// Field keys and schemas of the hosted PBX connector. The vendor documents English labels only, so no
/// German labels are given. The user schema depends on the connector settings (number inventory, greeting size).
/// </summary>
internal static class HostedPbxSchema
{
    // Connector-level settings (plugins.json).
    public const string BaseUrl = "baseUrl";
    public const string ApiKey = "apiKey";
    public const string ProvisioningServer = "provisioningServer";
    public const string NumberInventory = "numberInventory";
    public const string DialByName = "dialByNameMatch";
    public const string DefaultRegionKey = "defaultRegion";
    public const string GreetingMaxBytes = "greetingMaxBytes";
    public const string ProvisioningTokenMinutes = "provisioningTokenMinutes";
    public const string RequestTimeoutSeconds = "requestTimeoutSeconds";

    public const string MatchLastName = "lastName";
    public const string MatchFirstName = "firstName";
    public const string DefaultRegion = "DE";
    public const int DefaultGreetingMaxBytes = 5 * 1024 * 1024;
    public const int DefaultProvisioningTokenMinutes = 60;
    public const int DefaultRequestTimeoutSeconds = 30;

    // User settings.
    public const string LicenseType = "licenseType";
    public const string Extension = "extension";
    public const string OutboundCallerId = "outboundCallerId";
    public const string RingsBeforeVoicemail = "ringsBeforeVoicemail";
    public const string VoicemailEnabled = "voicemailEnabled";
    public const string Greeting = "greeting";
    public const string VoicemailEmail = "voicemailEmail";
    public const string VoicemailPassword = "voicemailPassword";
    public const string ForwardingEnabled = "forwardingEnabled";
    public const string ForwardingDestinations = "forwardingDestinations";
    public const string RingStrategy = "ringStrategy";
    public const string DoNotDisturb = "doNotDisturb";
    public const string AccountId = "pbxAccountId";

    public const string LicenseVoice = "Voice";
    public const string LicenseAdmin = "Admin";
    public const string RingSimultaneous = "simultaneous";
    public const string RingSequential = "sequential";

    public const int DefaultRings = 4;
    public const int MinRings = 2;
    public const int MaxRings = 10;
    public const int MinPasswordDigits = 4;
    public const int MaxPasswordDigits = 10;
    public const int MaxForwardingDestinations = 10;
    // [0-9], not \d: \d also matches non-ASCII digits.
    public const string ExtensionPattern = "[0-9]{2,4}";

    private const string SectionExtension = "Extension";
    private const string SectionVoicemail = "Voicemail";
    private const string SectionForwarding = "Call forwarding";
    private const string SectionDnd = "Do not disturb";

    public static IReadOnlyList<FieldSchema> ConnectorFields { get; } =
    [
        new(BaseUrl, "PBX API base URL", FieldType.String)
        {
            Required = true,
            MaxLength = 500,
            Help = "Root of the PBX REST API, e.g. https://pbx.example.com/. Paths such as api/v1/extensions are resolved below it.",
        },
        new(ApiKey, "API key", FieldType.Secret)
        {
            Required = true,
            MaxLength = 500,
            Help = "Sent as 'Authorization: Bearer <key>' on every PBX API call.",
        },
        new(ProvisioningServer, "SIP / provisioning server", FieldType.String)
        {
            Required = true,
            MaxLength = 253,
            Help = "Host name the mobile and desktop apps register with, e.g. sip.example.com. Written into QR codes and desktop configuration files.",
        },
        new(NumberInventory, "Number inventory", FieldType.StringList)
        {
            Required = true,
            Min = 1,
            Max = 1000,
            MaxLength = 32,
            Help = "The company's phone numbers (E.164, or national format of the default region). Outbound caller IDs must be one of them; the first is the default caller ID.",
        },
        new(DialByName, "Dial-by-name matches", FieldType.Enum)
        {
            Default = MatchLastName,
            AllowedValues = [new(MatchLastName, "Last name"), new(MatchFirstName, "First name")],
        },
        new(DefaultRegionKey, "Default region", FieldType.String)
        {
            Default = DefaultRegion,
            Pattern = "[A-Za-z]{2}",
            PatternMessage = "Default region must be a two-letter region code such as DE or US.",
            Help = "Region used to read phone numbers written without a country code (inventory, forwarding destinations, CSV import).",
        },
        new(GreetingMaxBytes, "Greeting maximum size (bytes)", FieldType.Int)
        {
            Default = DefaultGreetingMaxBytes,
            Min = 10 * 1024,
            Max = 20 * 1024 * 1024,
        },
        new(ProvisioningTokenMinutes, "Provisioning token lifetime (minutes)", FieldType.Int)
        {
            Default = DefaultProvisioningTokenMinutes,
            Min = 5,
            Max = 7 * 24 * 60,
            Help = "How long the one-time token in a QR code or desktop configuration file stays valid.",
        },
        new(RequestTimeoutSeconds, "PBX API timeout (seconds)", FieldType.Int)
        {
            Default = DefaultRequestTimeoutSeconds,
            Min = 1,
            Max = 300,
        },
    ];

    public static IReadOnlyList<FieldSchema> UserFields(HostedPbxOptions options) =>
    [
        // No default: an empty licence type lets the user's roles decide (see RoleFields), and Voice when none does.
        new(LicenseType, "License Type", FieldType.Enum)
        {
            Section = SectionExtension,
            AllowedValues = LicenseTypes,
            Help = "Voice: the user controls only their own extension. Admin: complete control of the PBX. Empty: from the user's roles, else Voice.",
        },
        new(Extension, "Extension Number", FieldType.String)
        {
            Required = true,
            Section = SectionExtension,
            Pattern = ExtensionPattern,
            PatternMessage = "Extension Number must be 2–4 digits.",
            Help = "The number this user is reached on internally: 2–4 digits, unique within the PBX.",
        },
        new(OutboundCallerId, "Outbound Caller ID", FieldType.Enum)
        {
            Default = options.NumberInventory[0],
            Section = SectionExtension,
            AllowedValues = [.. options.NumberInventory.Select(n => new AllowedValue(n, n))],
            Help = "The company number shown to people this user calls; one of the PBX's number inventory.",
        },
        new(RingsBeforeVoicemail, "Send calls to Voicemail after (rings)", FieldType.Int)
        {
            Default = DefaultRings,
            Min = MinRings,
            Max = MaxRings,
            Section = SectionVoicemail,
            Help = "How many rings before the call goes to voicemail (or hangs up when voicemail is off): 2–10, default 4.",
        },
        new(VoicemailEnabled, "Enable Voicemail", FieldType.Bool)
        {
            Default = true,
            Section = SectionVoicemail,
        },
        new(Greeting, "Greeting Message", FieldType.File)
        {
            Section = SectionVoicemail,
            MaxLength = options.GreetingMaxBytes,
            AcceptedContentTypes = ["audio/wav", "audio/mpeg"],
            Help = "WAV or MP3 recording played to callers (checked by content, not by file name). Empty: the PBX keeps its current greeting.",
        },
        new(VoicemailEmail, "Voicemail Email Address", FieldType.Email)
        {
            Section = SectionVoicemail,
            Help = "Where voicemails are sent. Empty: the user's own e-mail address.",
        },
        new(VoicemailPassword, "Voicemail Password", FieldType.Secret)
        {
            Section = SectionVoicemail,
            MinLength = MinPasswordDigits,
            MaxLength = MaxPasswordDigits,
            Pattern = "[0-9]+",
            PatternMessage = "Voicemail Password must be digits only.",
            Help = "PIN for the voicemail center: 4–10 digits, not the extension number. Empty: the PBX keeps the current PIN.",
        },
        new(ForwardingEnabled, "Enable Call Forwarding", FieldType.Bool)
        {
            Default = false,
            Section = SectionForwarding,
        },
        new(ForwardingDestinations, "Forwarding destinations", FieldType.StringList)
        {
            Max = MaxForwardingDestinations,
            MaxLength = 32,
            Section = SectionForwarding,
            Help = "Internal: an existing 2–4 digit extension. External: a phone number (E.164, or national format of the default region).",
        },
        new(RingStrategy, "Ring destinations", FieldType.Enum)
        {
            Default = RingSimultaneous,
            Section = SectionForwarding,
            AllowedValues =
            [
                new(RingSimultaneous, "All at once (simultaneously)"),
                new(RingSequential, "One after another (in order)"),
            ],
        },
        new(DoNotDisturb, "Enable DND", FieldType.Bool)
        {
            Default = false,
            Section = SectionDnd,
            Help = "Do not disturb: calls are not put through to the user.",
        },
        new(AccountId, "PBX account id", FieldType.String)
        {
            Section = SectionExtension,
            MaxLength = 100,
            ReadOnlyAfterCreate = true,
            Help = "Assigned by the PBX when the extension is created (reported after the first push); cannot be edited.",
        },
    ];

    private static IReadOnlyList<AllowedValue> LicenseTypes { get; } = [new(LicenseVoice, "Voice"), new(LicenseAdmin, "Admin")];

    /// <summary>
    /// Settings per core role: the licence the role stands for. A user without a licence type of their own gets
    /// Admin when any of their roles says Admin, else Voice.
    /// </summary>
    public static IReadOnlyList<FieldSchema> RoleFields { get; } =
    [
        new(LicenseType, "License Type", FieldType.Enum)
        {
            AllowedValues = LicenseTypes,
            Help = "Licence for holders of this role whose own hosted PBX settings leave the licence type empty.",
        },
    ];

}
