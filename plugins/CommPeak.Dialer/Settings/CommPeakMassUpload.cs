using ConnectorHost.Sdk.Bulk;
using ConnectorHost.Sdk.Schema;

namespace CommPeak.Dialer.Settings;

/// <summary>
/// CommPeak's mass-upload CSV (docs.commpeak.com "Mass user creation"): at most 500 users per file, a header row,
/// no fixed header names (columns are mapped in CommPeak's upload screen), mandatory Username, Email, Role and SIP
/// Settings; Role, Skill Group and Desk hold CommPeak ids. The host reads and writes the file; this only declares it.
/// </summary>
internal static class CommPeakMassUpload
{
    public const string Name = "commpeak-mass-upload";
    public const int MaxRows = 500;

    public static UserFileFormat Format { get; } = new(
        Name,
        new LocalizedText("CommPeak mass-upload CSV").With("de", "CommPeak-Massen-Upload (CSV)"),
        [
            new("Username", UserFileTarget.Core(CoreColumn.Username)) { Required = true },
            new("Email", UserFileTarget.Core(CoreColumn.Email)) { Required = true, Aliases = ["E-mail"] },
            new("Role", UserFileTarget.Setting(CommPeakSchema.Roles)) { Required = true, Aliases = ["Roles", "Role ID"] },
            new("SIP Settings", UserFileTarget.Setting(CommPeakSchema.SipOption))
            {
                Required = true,
                Aliases = ["SIP Option", "SIP"],
                // First spelling per value is the one written on export.
                Values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["WebRTC"] = CommPeakSchema.SipWebRtc,
                    ["Use WebRTC"] = CommPeakSchema.SipWebRtc,
                    ["Custom URI"] = CommPeakSchema.SipCustom,
                    ["Use custom URI"] = CommPeakSchema.SipCustom,
                    ["PBX"] = CommPeakSchema.SipPbx,
                    ["Use PBXs"] = CommPeakSchema.SipPbx,
                },
            },
            new("Custom SIP URI", UserFileTarget.Setting(CommPeakSchema.CustomSipUri)) { Aliases = ["Custom URI"] },
            new("Virtual Extension", UserFileTarget.Setting(CommPeakSchema.VirtualExtension)),
            new("Skill Group", UserFileTarget.Setting(CommPeakSchema.SkillGroups)) { Aliases = ["Skill Groups"] },
            new("Desk", UserFileTarget.Setting(CommPeakSchema.Desks)) { Aliases = ["Desks"] },
            new("Tags", UserFileTarget.Setting(CommPeakSchema.Tags)) { Aliases = ["Tag"] },
            new("First name", UserFileTarget.Core(CoreColumn.FirstName)) { Aliases = ["Firstname"] },
            new("Last name", UserFileTarget.Core(CoreColumn.LastName)) { Aliases = ["Lastname"] },
            new("Timezone", UserFileTarget.Setting(CommPeakSchema.TimeZone)),
            new("User Language", UserFileTarget.Setting(CommPeakSchema.UserLanguage)),
            new("Max Session Timeout", UserFileTarget.Setting(CommPeakSchema.MaxSessionTime)),
            new("Max Concurrent Sessions", UserFileTarget.Setting(CommPeakSchema.MaxConcurrentSessions)),
        ])
    {
        MaxRowsPerFile = MaxRows,
        Description = "CommPeak's Users → Mass User Creation upload. CommPeak has no fixed header names: after uploading, map each column "
            + "in CommPeak's screen to the field of the same name (Username, Email, Role, SIP Settings, Virtual Extension, Skill Group, Desk, "
            + "First Name, ...). Role, Skill Group and Desk hold CommPeak ids (several separated by '|'). At most 500 users per file; "
            + "larger exports are split. The fallback way to deliver roles and skill groups the update call does not take.",
    };
}
