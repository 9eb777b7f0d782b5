using ConnectorHost.Sdk.Bulk;
using ConnectorHost.Sdk.Schema;

namespace HostedPbx.Settings;

/// <summary>
/// The Users page's CSV import (formerly the plugin's own <c>import-csv</c> action): core name, e-mail and username
/// plus the PBX user settings, at most 5000 rows per file. The host reads the file and checks every row through this
/// connector's normal settings validation (schema, unique extension, inventory caller ID, forwarding targets).
/// </summary>
internal static class HostedPbxUserFile
{
    public const string Name = "hosted-pbx-users";
    public const int MaxRows = 5000;

    public static UserFileFormat Format { get; } = new(
        Name,
        new LocalizedText("Hosted PBX users (CSV)").With("de", "Hosted-PBX-Benutzer (CSV)"),
        [
            new("username", UserFileTarget.Core(CoreColumn.Username)) { Required = true },
            new("firstName", UserFileTarget.Core(CoreColumn.FirstName)) { Required = true },
            new("lastName", UserFileTarget.Core(CoreColumn.LastName)) { Required = true },
            new("email", UserFileTarget.Core(CoreColumn.Email)),
            new(HostedPbxSchema.LicenseType, UserFileTarget.Setting(HostedPbxSchema.LicenseType)),
            new(HostedPbxSchema.Extension, UserFileTarget.Setting(HostedPbxSchema.Extension)) { Required = true },
            new(HostedPbxSchema.OutboundCallerId, UserFileTarget.Setting(HostedPbxSchema.OutboundCallerId)),
            new(HostedPbxSchema.RingsBeforeVoicemail, UserFileTarget.Setting(HostedPbxSchema.RingsBeforeVoicemail)),
            new(HostedPbxSchema.VoicemailEnabled, UserFileTarget.Setting(HostedPbxSchema.VoicemailEnabled)),
            new(HostedPbxSchema.VoicemailEmail, UserFileTarget.Setting(HostedPbxSchema.VoicemailEmail)),
            new(HostedPbxSchema.VoicemailPassword, UserFileTarget.Setting(HostedPbxSchema.VoicemailPassword)),
            new(HostedPbxSchema.ForwardingEnabled, UserFileTarget.Setting(HostedPbxSchema.ForwardingEnabled)),
            new(HostedPbxSchema.ForwardingDestinations, UserFileTarget.Setting(HostedPbxSchema.ForwardingDestinations)),
            new(HostedPbxSchema.RingStrategy, UserFileTarget.Setting(HostedPbxSchema.RingStrategy)),
            new(HostedPbxSchema.DoNotDisturb, UserFileTarget.Setting(HostedPbxSchema.DoNotDisturb)),
        ])
    {
        MaxRowsPerFile = MaxRows,
        Description = "Creates or (mode 'overwrite') updates users with their PBX settings; booleans accept true/false, yes/no, 1/0; "
            + "forwarding destinations are separated by '|'. At most 5000 rows per file.",
    };
}
