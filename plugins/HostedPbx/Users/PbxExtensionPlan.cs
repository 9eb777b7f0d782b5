using System.Text.Json.Nodes;
using System.Text.Json;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Gateway;
using HostedPbx.Settings;

namespace HostedPbx.Users;

/// <summary>
/// How one core user becomes a PBX extension: the bodies the gateway sends, plus warnings for the preview.
/// Username = the core first name (the vendor's "Enter a username: the user's first name"); first and last
/// name feed the dial-by-name directory; the core e-mail is the portal login and the voicemail fallback.
/// </summary>
internal sealed class PbxExtensionPlan
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public required PbxExtensionProfile Profile { get; init; }
    public required PbxVoicemailSettings Voicemail { get; init; }
    public GreetingFile? Greeting { get; init; }
    public required PbxForwarding Forwarding { get; init; }
    public bool DoNotDisturb { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>
    /// Builds the plan, or null when the user has no extension yet. <paramref name="knownExtensions"/>, when
    /// given, are the other users' extensions, used to warn about forwarding to an extension that is gone.
    /// </summary>
    public static PbxExtensionPlan? For(UserContext context, HostedPbxOptions options, IReadOnlySet<string>? knownExtensions)
    {
        var user = context.User;
        var settings = PbxUserSettings.Of(context);
        if (settings.Extension is null)
        {
            return null;
        }
        var warnings = new List<string>();

        var username = PbxUsername.Of(user);
        if (PbxUsername.IsFallback(user))
        {
            warnings.Add($"The user has no first name; the PBX username falls back to the core username '{user.Username}'.");
        }
        if (string.IsNullOrWhiteSpace(user.LastName))
        {
            warnings.Add("The user has no last name; dial-by-name by last name will not find them.");
        }
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            // Validation refuses Admin without e-mail; the e-mail can still be removed from the core user later.
            warnings.Add(settings.LicenseType.Equals(HostedPbxSchema.LicenseAdmin, StringComparison.OrdinalIgnoreCase)
                ? "The user has an Admin licence but no e-mail; the e-mail is the PBX portal login, so they cannot sign in to the portal."
                : "The user has no e-mail; the e-mail is the PBX portal login, so they cannot sign in to the portal and get no invites.");
        }
        if (settings.OutboundCallerId is { } callerId && !options.NumberInventory.Contains(callerId))
        {
            warnings.Add($"Outbound caller ID {callerId} is no longer in the number inventory; the PBX may refuse it.");
        }
        if (user.Extension is { Length: > 0 } coreExtension && coreExtension != settings.Extension)
        {
            warnings.Add($"The core extension {coreExtension} differs from the PBX extension {settings.Extension}; the PBX uses {settings.Extension}.");
        }
        if (!user.Enabled)
        {
            warnings.Add("The user is disabled in the core model; the PBX has no disabled state, so the extension stays reachable.");
        }

        var voicemailEmail = settings.VoicemailEmail ?? user.Email;
        if (settings.VoicemailEnabled && voicemailEmail is null)
        {
            warnings.Add("Voicemail is enabled but neither a voicemail e-mail nor the user's e-mail is set; messages stay in the voicemail center.");
        }

        var destinations = PbxUserRules.DestinationsOf(settings);
        if (knownExtensions is not null)
        {
            warnings.AddRange(destinations
                .Where(d => d.IsInternal && !knownExtensions.Contains(d.Value))
                .Select(d => $"Forwarding destination {d.Index + 1} points at extension {d.Value}, which no user has any more."));
        }

        return new PbxExtensionPlan
        {
            Profile = new PbxExtensionProfile(
                username,
                user.FirstName,
                user.LastName,
                user.Email,
                settings.LicenseType.ToLowerInvariant(),
                settings.Extension,
                settings.OutboundCallerId ?? options.NumberInventory[0],
                settings.RingsBeforeVoicemail),
            Voicemail = new PbxVoicemailSettings(settings.VoicemailEnabled, voicemailEmail, settings.VoicemailPassword),
            Greeting = settings.Greeting,
            Forwarding = new PbxForwarding(
                settings.ForwardingEnabled,
                settings.RingStrategy,
                [.. destinations.Select(d => new PbxForwardingDestination(d.IsInternal ? PbxForwardingDestination.Internal : PbxForwardingDestination.External, d.Value))]),
            DoNotDisturb = settings.DoNotDisturb,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// The preview: what the PBX receives. The PIN is masked and the greeting summarized; both are top-level
    /// keys (not inside <c>voicemail</c>) so reconciliation, which diffs top-level keys, compares the PIN's
    /// presence and leaves the greeting alone (the PBX cannot report its content).
    /// </summary>
    public JsonObject ToPayload()
    {
        var payload = JsonSerializer.SerializeToNode(Profile, Json)!.AsObject();
        payload["voicemail"] = JsonSerializer.SerializeToNode(Voicemail with { Password = null }, Json);
        if (Voicemail.Password is not null)
        {
            payload["voicemailPassword"] = SchemaValidator.SecretMask;
        }
        if (Greeting is not null)
        {
            payload["greeting"] = new JsonObject
            {
                ["fileName"] = Greeting.FileName,
                ["contentType"] = Greeting.ContentType,
                ["sizeBytes"] = Greeting.Data.Length,
            };
        }
        payload["forwarding"] = JsonSerializer.SerializeToNode(Forwarding, Json);
        payload["doNotDisturb"] = DoNotDisturb;
        return payload;
    }

    /// <summary>The same shape built from what the PBX reports, so reconciliation can diff it against <see cref="ToPayload"/>.</summary>
    public static JsonObject PayloadOf(PbxExtension extension)
    {
        var payload = new JsonObject
        {
            ["username"] = extension.Username,
            ["firstName"] = extension.FirstName,
            ["lastName"] = extension.LastName,
            ["email"] = extension.Email,
            ["licenseType"] = extension.LicenseType,
            ["extension"] = extension.Extension,
            ["outboundCallerId"] = extension.OutboundCallerId,
            ["ringsBeforeVoicemail"] = extension.RingsBeforeVoicemail,
        };
        if (extension.Voicemail is { } voicemail)
        {
            payload["voicemail"] = new JsonObject { ["enabled"] = voicemail.Enabled, ["email"] = voicemail.Email };
            payload["voicemailPassword"] = voicemail.HasPassword ? SchemaValidator.SecretMask : null;
        }
        if (extension.Forwarding is { } forwarding)
        {
            payload["forwarding"] = JsonSerializer.SerializeToNode(forwarding, Json);
        }
        if (extension.DoNotDisturb is { } dnd)
        {
            payload["doNotDisturb"] = dnd;
        }
        return payload;
    }
}
