using System.Net;
using System.Text.Json.Nodes;
using CommPeak.Dialer.Settings;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Schema;

namespace CommPeak.Dialer.Users;

/// <summary>
/// CommPeak's rules on top of the schema (which already did types, defaults, RequiredWhen and the vendor option
/// lists): e-mail and at least one role are mandatory, usernames are unique, a PBX user has an extension or is
/// dynamic, allowed IPs and time zones are real, and the caller ID number is stored in E.164.
/// </summary>
internal sealed class CommPeakUserRules(CommPeakOptions options, IPhoneNumbers phoneNumbers)
{
    public const string EmailField = "email";

    /// <summary>Errors (each naming its field), warnings, and the normalized document to store.</summary>
    public (List<FieldError> Errors, List<FieldWarning> Warnings, JsonObject Normalized) Check(UserContext user, IReadOnlyCollection<string> usernamesTaken)
    {
        var settings = (JsonObject)user.Settings.DeepClone();
        var errors = new List<FieldError>();
        var warnings = new List<FieldWarning>();

        if (string.IsNullOrWhiteSpace(user.User.Email))
        {
            errors.Add(new FieldError(EmailField, "E-mail is mandatory at CommPeak: give the user a core e-mail address first.") { Code = FieldErrorCodes.Required });
        }

        var username = settings[CommPeakSchema.Username]?.GetValue<string>() ?? user.User.Username;
        if (usernamesTaken.Contains(username, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new FieldError(CommPeakSchema.Username, $"CommPeak username '{username}' is already used by another user.") { Code = FieldErrorCodes.Conflict });
        }

        if (CommPeakUserPlan.Effective(user, CommPeakSchema.Roles).Count == 0)
        {
            errors.Add(new FieldError(CommPeakSchema.Roles,
                "CommPeak needs at least one role: choose one here, or give the user a core role or group whose CommPeak settings name one.") { Code = FieldErrorCodes.Required });
        }

        if (settings[CommPeakSchema.SipOption]?.GetValue<string>() == CommPeakSchema.SipPbx)
        {
            var hasExtension = settings[CommPeakSchema.PbxExtension] is not null;
            var dynamic = settings[CommPeakSchema.PbxDynamic]?.GetValue<bool>() == true;
            if (hasExtension == dynamic)
            {
                errors.Add(new FieldError(CommPeakSchema.PbxExtension, hasExtension
                    ? "A PBX user has either an extension or a dynamic extension, not both: clear one of them."
                    : "A PBX user needs an extension, or 'Dynamic extension' switched on."));
            }
        }

        if (settings[CommPeakSchema.AllowedIps] is JsonArray ips)
        {
            for (var i = 0; i < ips.Count; i++)
            {
                var text = ips[i]!.GetValue<string>();
                if (!IsAddressOrRange(text))
                {
                    errors.Add(new FieldError($"{CommPeakSchema.AllowedIps}[{i}]", $"Allowed IPs: entry {i + 1} ('{text}') is not an IPv4/IPv6 address or CIDR range such as 198.51.100.0/24.") { Code = FieldErrorCodes.Format });
                }
            }
        }

        if (settings[CommPeakSchema.TimeZone]?.GetValue<string>() is { } zone && !IsIanaZone(zone))
        {
            errors.Add(new FieldError(CommPeakSchema.TimeZone, $"Timezone must be an IANA time zone such as Europe/Berlin; got '{zone}'.") { Code = FieldErrorCodes.Format });
        }

        if (settings[CommPeakSchema.CallerIdNumber]?.GetValue<string>() is { } number)
        {
            if (phoneNumbers.ToE164(number, options.DefaultPhoneRegion) is { } e164)
            {
                settings[CommPeakSchema.CallerIdNumber] = e164;
            }
            else
            {
                errors.Add(new FieldError(CommPeakSchema.CallerIdNumber, $"Caller ID Number '{number}' is not a valid phone number (region {options.DefaultPhoneRegion}).") { Code = FieldErrorCodes.Format });
            }
        }

        if (settings[CommPeakSchema.MemberAllTags]?.GetValue<bool>() == true && settings[CommPeakSchema.Tags] is JsonArray { Count: > 0 })
        {
            warnings.Add(new FieldWarning(CommPeakSchema.Tags, "The user is a member of all tenant tags; this list has no effect.", "ignored_list"));
        }
        if (settings[CommPeakSchema.MemberAllSkillGroups]?.GetValue<bool>() == true && settings[CommPeakSchema.SkillGroups] is JsonArray { Count: > 0 })
        {
            warnings.Add(new FieldWarning(CommPeakSchema.SkillGroups, "The user is a member of all tenant skill groups; this list has no effect.", "ignored_list"));
        }
        return (errors, warnings, settings);
    }

    public static bool IsIanaZone(string zone) =>
        zone is "UTC" or "Etc/UTC" || (zone.Contains('/') && TimeZoneInfo.TryConvertIanaIdToWindowsId(zone, out _));

    private static bool IsAddressOrRange(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            return IPAddress.TryParse(text, out var single) && text.Contains(single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? '.' : ':');
        }
        return IPNetwork.TryParse(text, out _);
    }
}
