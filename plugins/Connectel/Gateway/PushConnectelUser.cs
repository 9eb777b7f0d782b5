using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using Connectel.Settings;
using Connectel.Users;
using MediatR;

namespace Connectel.Gateway;

/// <summary>
/// Creates, updates (including disable) or deletes one Connectel user. Idempotent: without a vendor id, or when the
/// recorded id is gone, the user is looked up by login (<c>name</c>) first and taken over only when the e-mail matches.
/// Values Connectel decides come back as a settings patch: the role as created (fixed from then on), the internal
/// number, the locked state and the last password reset.
/// </summary>
internal sealed class PushConnectelUser(ConnectelApiClient connectel, ConnectelUserPayload payloads, ConnectelOptions options, IConnectorStore store)
    : IRequestHandler<PushUser, PushResult>
{
    /// <summary>Connector store collection: the avatar last uploaded per Connectel user id, so an unchanged one is not sent again.</summary>
    public const string AvatarUploads = "avatar-uploads";

    public Task<PushResult> Handle(PushUser request, CancellationToken cancellationToken) =>
        request.Operation == PushOperation.Delete ? DeleteAsync(request, cancellationToken) : UpsertAsync(request, cancellationToken);

    private async Task<PushResult> UpsertAsync(PushUser request, CancellationToken cancellationToken)
    {
        var context = request.User;
        var settings = ConnectelUserSettings.Of(context);
        var username = settings.Username
            ?? throw new VendorRejectedException($"User '{context.User.Username}' has no Connectel username; save their Connectel settings again.");
        var payload = payloads.Build(context, settings);

        var id = request.VendorId;
        JsonObject? reported = null;
        var state = "updated";
        if (id is not null)
        {
            reported = await connectel.UpdateUserAsync(id, payloads.ForUpdate(payload), cancellationToken);
            // Gone at Connectel since the last push: look it up by login below.
            id = reported is null ? null : id;
        }
        if (id is null)
        {
            var existing = await connectel.FindByNameAsync(username, cancellationToken);
            if (existing is not null)
            {
                if (!string.Equals(VendorJson.Text(existing["email"]), context.User.Email, StringComparison.OrdinalIgnoreCase))
                {
                    throw new VendorRejectedException(
                        $"Connectel already has a user '{username}' with another e-mail address; it was not changed. Free the login at Connectel or give user '{context.User.Username}' another username.", 409);
                }
                id = VendorJson.Text(existing["id"])!;
                reported = await connectel.UpdateUserAsync(id, payloads.ForUpdate(payload), cancellationToken) ?? existing;
            }
            else
            {
                var password = settings.Password
                    ?? throw new VendorRejectedException($"User '{context.User.Username}' has no initial Connectel password; set one in their Connectel settings.");
                reported = await connectel.CreateUserAsync(payloads.ForCreate(payload, password), cancellationToken);
                id = VendorJson.Text(reported["id"])!;
                state = "created";
            }
        }

        await UploadAvatarAsync(id, settings.Avatar, cancellationToken);
        return new PushResult(id, state) { SettingsPatch = Patch(context.Settings, settings, reported) };
    }

    private JsonObject? Patch(JsonObject stored, ConnectelUserSettings settings, JsonObject? reported)
    {
        var patch = new JsonObject();
        if (settings.RoleFromRoles)
        {
            // Connectel cannot change a role: the one created with is kept from now on.
            patch[ConnectelSchema.Role] = settings.Role;
        }
        if (reported is not null)
        {
            if (settings.InternalNumber is null && VendorJson.Text(reported["internal"]) is { } number)
            {
                patch[ConnectelSchema.InternalNumber] = number;
            }
            if (reported[options.Names.Locked] is JsonValue locked && locked.TryGetValue(out bool isLocked)
                && stored[ConnectelSchema.Locked]?.GetValue<bool>() != isLocked)
            {
                patch[ConnectelSchema.Locked] = isLocked;
            }
            if (options.SecuritySuite && VendorJson.Text(reported[options.Names.LastPasswordReset]) is { } reset
                && stored[ConnectelSchema.LastPasswordReset]?.GetValue<string>() != reset)
            {
                patch[ConnectelSchema.LastPasswordReset] = reset;
            }
        }
        return patch.Count > 0 ? patch : null;
    }

    private async Task UploadAvatarAsync(string id, JsonObject? avatar, CancellationToken cancellationToken)
    {
        if (avatar?["data"]?.GetValue<string>() is not { } data)
        {
            return;
        }
        var bytes = Convert.FromBase64String(data);
        // The host's stored file reference carries its hash; a document built elsewhere may not.
        var sha = avatar["sha256"]?.GetValue<string>() ?? Convert.ToHexStringLower(SHA256.HashData(bytes));
        var uploaded = await store.GetAsync(AvatarUploads, id, cancellationToken);
        if (uploaded?.Document["sha256"]?.GetValue<string>() == sha)
        {
            return;
        }
        await connectel.PutAvatarAsync(id, bytes, avatar["contentType"]!.GetValue<string>(), cancellationToken);
        await store.PutAsync(AvatarUploads, id, new JsonObject { ["sha256"] = sha }, uploaded?.Version, cancellationToken);
    }

    private async Task<PushResult> DeleteAsync(PushUser request, CancellationToken cancellationToken)
    {
        var id = request.VendorId;
        if (id is null && ConnectelUserSettings.Of(request.User).Username is { } username
            && await connectel.FindByNameAsync(username, cancellationToken) is { } found
            && string.Equals(VendorJson.Text(found["email"]), request.User.User.Email, StringComparison.OrdinalIgnoreCase))
        {
            id = VendorJson.Text(found["id"]);
        }
        if (id is null || !await connectel.DeleteUserAsync(id, cancellationToken))
        {
            return new PushResult(null, "absent");
        }
        await store.DeleteAsync(AvatarUploads, id, cancellationToken);
        return new PushResult(null, "deleted");
    }
}
