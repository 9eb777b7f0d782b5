using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Settings;

namespace HostedPbx.Users;

/// <summary>
/// The PBX's own rules for a user's settings, on top of the generic schema rules: unique extension, caller
/// ID from the inventory, forwarding destinations that exist, a PIN that is not the extension. Used by settings
/// validation and by the CSV import so both give the same answers.
/// </summary>
internal sealed partial class PbxUserRules(HostedPbxOptions options, IPhoneNumbers phoneNumbers)
{
    /// <summary>Marks the uniqueness error on <c>extension</c>; the host maps an error with it to HTTP 409.</summary>
    public const string AlreadyUsedBy = "already used by";

    /// <summary>
    /// Checks a schema-normalized document. Returns the errors and the document with the caller ID and external
    /// forwarding destinations rewritten to E.164. <paramref name="others"/> are the other holders of the numbers the document names (its extension and internal forwarding targets);
    /// <paramref name="email"/> is the core user's e-mail (the PBX portal login).
    /// </summary>
    public (IReadOnlyList<FieldError> Errors, JsonObject Settings) Check(JsonObject settings, string? email, IReadOnlyCollection<ExtensionOwner> others)
    {
        var errors = new List<FieldError>();
        // Defaults need no repeating here: the schema validator fills every empty field with its default on each PUT.
        var normalized = (JsonObject)settings.DeepClone();
        var user = PbxUserSettings.Read(normalized);

        CheckPortalLogin(user, email, errors);
        CheckExtension(user.Extension, others, errors);
        CheckCallerId(user.OutboundCallerId, normalized, errors);
        CheckVoicemail(user, errors);

        var destinations = NormalizeDestinations(user, errors);
        if (normalized.ContainsKey(HostedPbxSchema.ForwardingDestinations))
        {
            normalized[HostedPbxSchema.ForwardingDestinations] = new JsonArray([.. destinations.Select(d => (JsonNode?)JsonValue.Create(d.Value))]);
        }
        var known = others.Select(o => o.Extension).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(UnknownForwardingTargets(destinations, known));
        return (errors, normalized);
    }

    /// <summary>Errors for internal forwarding destinations that are not in <paramref name="knownExtensions"/>.</summary>
    private static IEnumerable<FieldError> UnknownForwardingTargets(IEnumerable<ForwardingDestination> destinations, IReadOnlySet<string> knownExtensions) =>
        destinations
            .Where(d => d.IsInternal && !knownExtensions.Contains(d.Value))
            .Select(d => new FieldError(
                $"{HostedPbxSchema.ForwardingDestinations}[{d.Index}]",
                $"Forwarding destination {d.Index + 1} ('{d.Value}'): no user has extension {d.Value} in the PBX."));

    /// <summary>Parses the destinations of an already checked document (internal extension or E.164 number).</summary>
    public static IReadOnlyList<ForwardingDestination> DestinationsOf(PbxUserSettings user) =>
        [.. user.ForwardingDestinations.Select((d, i) => new ForwardingDestination(i, d, IsExtension(d)))];

    public static bool IsExtension(string text) => ExtensionRegex().IsMatch(text);

    private static void CheckPortalLogin(PbxUserSettings user, string? email, List<FieldError> errors)
    {
        // An Admin licence is for the PBX portal, and the portal login is the e-mail: without one the licence is unusable.
        if (string.Equals(user.LicenseType, HostedPbxSchema.LicenseAdmin, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(email))
        {
            errors.Add(new FieldError(HostedPbxSchema.LicenseType,
                "License Type Admin needs the user's e-mail address, which is the PBX portal login; give the user an e-mail or choose Voice."));
        }
    }

    // Presence and the 2–4 digit format are schema rules (Required, Pattern), checked before this runs.
    private static void CheckExtension(string? extension, IReadOnlyCollection<ExtensionOwner> others, List<FieldError> errors)
    {
        if (extension is not null && others.FirstOrDefault(o => o.Extension == extension) is { } owner)
        {
            errors.Add(new FieldError(HostedPbxSchema.Extension, $"Extension {extension} is {AlreadyUsedBy} {owner.Name}.") { Code = FieldErrorCodes.Conflict });
        }
    }

    private void CheckCallerId(string? callerId, JsonObject normalized, List<FieldError> errors)
    {
        if (callerId is null)
        {
            return;
        }
        if (phoneNumbers.ToE164(callerId, options.DefaultRegion) is { } e164 && options.NumberInventory.Contains(e164))
        {
            normalized[HostedPbxSchema.OutboundCallerId] = e164;
            return;
        }
        errors.Add(new FieldError(HostedPbxSchema.OutboundCallerId,
            $"Outbound Caller ID '{callerId}' is not in the PBX's number inventory ({string.Join(", ", options.NumberInventory)})."));
    }

    // The PIN's digits and length and the greeting's format and size are schema rules (Pattern, MinLength/MaxLength,
    // AcceptedContentTypes checked by content), checked before this runs; only what the schema cannot say is here.
    private static void CheckVoicemail(PbxUserSettings user, List<FieldError> errors)
    {
        // The message never repeats the PIN itself.
        if (user.VoicemailPassword is { } pin && pin == user.Extension)
        {
            errors.Add(new FieldError(HostedPbxSchema.VoicemailPassword, "Voicemail Password must not be the extension number."));
        }
    }

    /// <summary>The well-formed destinations (E.164 for external ones); malformed entries become errors.</summary>
    private List<ForwardingDestination> NormalizeDestinations(PbxUserSettings user, List<FieldError> errors)
    {
        var result = new List<ForwardingDestination>();
        for (var i = 0; i < user.ForwardingDestinations.Count; i++)
        {
            var text = user.ForwardingDestinations[i];
            var field = $"{HostedPbxSchema.ForwardingDestinations}[{i}]";
            ForwardingDestination destination;
            if (IsExtension(text))
            {
                if (text == user.Extension)
                {
                    errors.Add(new FieldError(field, $"Forwarding destination {i + 1} ('{text}') is the user's own extension."));
                    continue;
                }
                destination = new ForwardingDestination(i, text, IsInternal: true);
            }
            else if (phoneNumbers.ToE164(text, options.DefaultRegion) is { } e164)
            {
                destination = new ForwardingDestination(i, e164, IsInternal: false);
            }
            else
            {
                errors.Add(new FieldError(field,
                    $"Forwarding destination {i + 1} ('{text}') is neither a 2–4 digit extension nor a valid phone number (region {options.DefaultRegion})."));
                continue;
            }
            if (result.Any(r => r.Value == destination.Value))
            {
                errors.Add(new FieldError(field, $"Forwarding destination {i + 1} lists {destination.Value} a second time."));
                continue;
            }
            result.Add(destination);
        }
        // "Forwarding on needs a destination" is the schema's RequiredWhen, checked before this runs.
        return result;
    }

    [GeneratedRegex("^[0-9]{2,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionRegex();
}

/// <summary>One forwarding destination: an internal extension or an external E.164 number.</summary>
/// <param name="Index">Position in the list (0-based, like the field path).</param>
/// <param name="Value">The extension number or E.164 number.</param>
/// <param name="IsInternal">True for an extension of the PBX.</param>
internal sealed record ForwardingDestination(int Index, string Value, bool IsInternal);
