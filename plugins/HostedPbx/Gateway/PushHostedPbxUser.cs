using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Settings;
using HostedPbx.Users;
using MediatR;

namespace HostedPbx.Gateway;

/// <summary>
/// Upserts or deletes one extension. Idempotent: without a vendor id, or when the recorded id is gone, the
/// extension is looked up by its number before anything is created, so a repeated push never duplicates it.
/// An extension found that way is only taken over when it is plausibly this user's own (see
/// <see cref="IsSameUser"/>): a number held by a hand-made user or a system extension is refused, not overwritten.
/// </summary>
internal sealed class PushHostedPbxUser(PbxApiClient pbx, HostedPbxOptions options, IConnectorStore store) : IRequestHandler<PushUser, PushResult>
{
    /// <summary>Connector store collection: the greeting last uploaded per PBX extension id, so an unchanged one is not sent again.</summary>
    public const string GreetingUploads = "greeting-uploads";

    public async Task<PushResult> Handle(PushUser request, CancellationToken cancellationToken)
    {
        return request.Operation == PushOperation.Delete
            ? await DeleteAsync(request, cancellationToken)
            : await UpsertAsync(request, cancellationToken);
    }

    /// <summary>
    /// True when an extension found by number is plausibly the record an earlier push of this user created (the
    /// vendor id was then lost): the same e-mail (case-insensitive) when both sides have one, otherwise the same
    /// first and last name (or, when the PBX has no names, the same username).
    /// </summary>
    public static bool IsSameUser(PbxExtension found, string? email, string username, string firstName, string lastName)
    {
        if (!string.IsNullOrWhiteSpace(found.Email) && !string.IsNullOrWhiteSpace(email))
        {
            return SameText(found.Email, email);
        }
        if (string.IsNullOrWhiteSpace(found.FirstName) && string.IsNullOrWhiteSpace(found.LastName))
        {
            return !string.IsNullOrWhiteSpace(found.Username) && SameText(found.Username, username);
        }
        return SameText(found.FirstName, firstName) && SameText(found.LastName, lastName);
    }

    private static bool SameText(string? a, string? b) =>
        string.Equals((a ?? "").Trim(), (b ?? "").Trim(), StringComparison.OrdinalIgnoreCase);

    private async Task<PushResult> UpsertAsync(PushUser request, CancellationToken cancellationToken)
    {
        var plan = PbxExtensionPlan.For(request.User, options, knownExtensions: null)
            ?? throw new VendorRejectedException($"User '{request.User.User.Username}' has no PBX extension in their hosted PBX settings.");
        var profile = plan.Profile;

        var id = request.VendorId;
        PbxExtension? reported = null;
        if (id is not null)
        {
            var (found, answer) = await pbx.UpdateAsync(id, profile, cancellationToken);
            // Not found: deleted at the PBX since the last push; fall back to the lookup by extension number.
            id = found ? id : null;
            reported = answer;
        }
        var state = "updated";
        if (id is null)
        {
            var existing = await pbx.FindByExtensionAsync(profile.Extension, cancellationToken);
            if (existing is not null && !IsSameUser(existing, profile.Email, profile.Username, profile.FirstName, profile.LastName))
            {
                throw new VendorRejectedException(
                    $"Extension {profile.Extension} already exists at the PBX and belongs to someone else ({Describe(existing)}); " +
                    $"it was not changed. Free the number at the PBX or give user '{request.User.User.Username}' another extension.", 409);
            }
            var adopted = existing is null ? (false, null) : await pbx.UpdateAsync(existing.Id, profile, cancellationToken);
            if (adopted.Found)
            {
                id = existing!.Id;
                reported = adopted.Reported ?? existing;
            }
            else
            {
                id = (await pbx.CreateAsync(profile, request.IdempotencyKey, cancellationToken)).Id;
                state = "created";
            }
        }

        await pbx.PutVoicemailAsync(id, plan.Voicemail, cancellationToken);
        if (plan.Greeting is not null)
        {
            await UploadGreetingIfChangedAsync(id, plan.Greeting, reported, cancellationToken);
        }
        await pbx.PutForwardingAsync(id, plan.Forwarding, cancellationToken);
        await pbx.PutDoNotDisturbAsync(id, plan.DoNotDisturb, cancellationToken);
        // The PBX's record id is shown to admins as the account id; the host stores it without pushing again.
        return new PushResult(id, state)
        {
            SettingsPatch = PbxUserSettings.Read(request.User.Settings).AccountId == id ? null : new JsonObject { [HostedPbxSchema.AccountId] = id },
        };
    }

    /// <summary>
    /// The PBX cannot report a greeting's content, so the hash of the last upload to this extension is kept in the
    /// connector store. Uploads when the greeting differs from that, or when the PBX reports it has no greeting.
    /// </summary>
    private async Task UploadGreetingIfChangedAsync(string id, GreetingFile greeting, PbxExtension? reported, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(greeting.Data));
        var last = (await store.GetAsync(GreetingUploads, id, cancellationToken))?.Document;
        var unchanged = last?["sha256"]?.GetValue<string>() == hash && last["contentType"]?.GetValue<string>() == greeting.ContentType;
        if (unchanged && reported?.Voicemail?.HasGreeting != false)
        {
            return;
        }
        await pbx.PutGreetingAsync(id, greeting, cancellationToken);
        await store.PutAsync(GreetingUploads, id, new JsonObject { ["sha256"] = hash, ["contentType"] = greeting.ContentType }, expectedVersion: null, cancellationToken);
    }

    private async Task<PushResult> DeleteAsync(PushUser request, CancellationToken cancellationToken)
    {
        var id = request.VendorId;
        var extension = PbxUserSettings.Of(request.User).Extension;
        if (id is null && extension is not null)
        {
            var existing = await pbx.FindByExtensionAsync(extension, cancellationToken);
            var user = request.User.User;
            // Never pushed as far as the host knows: only a record that is plausibly this user's is theirs to delete.
            if (existing is not null && IsSameUser(existing, user.Email, PbxUsername.Of(user), user.FirstName, user.LastName))
            {
                id = existing.Id;
            }
        }
        var deleted = id is not null && await pbx.DeleteAsync(id, cancellationToken);
        if (id is not null)
        {
            await store.DeleteAsync(GreetingUploads, id, cancellationToken);
        }
        return new PushResult(null, deleted ? "deleted" : "unchanged");
    }

    private static string Describe(PbxExtension extension)
    {
        var name = $"{extension.FirstName} {extension.LastName}".Trim();
        return name.Length > 0 ? $"PBX user '{name}'" : $"PBX record {extension.Id}";
    }
}
