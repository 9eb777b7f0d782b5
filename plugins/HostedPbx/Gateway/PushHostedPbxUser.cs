using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Users;
using MediatR;

namespace HostedPbx.Gateway;

/// <summary>
/// Upserts or deletes one extension. Idempotent: without a vendor id, or when the recorded id is gone, the
/// extension is looked up by its number before anything is created, so a repeated push never duplicates it.
/// </summary>
internal sealed class PushHostedPbxUser(PbxApiClient pbx, HostedPbxOptions options) : IRequestHandler<PushUser, PushResult>
{
    public async Task<PushResult> Handle(PushUser request, CancellationToken cancellationToken)
    {
        var extension = PbxUserSettings.Of(request.User).Extension;
        return request.Operation == PushOperation.Delete
            ? await DeleteAsync(request.VendorId, extension, cancellationToken)
            : await UpsertAsync(request, cancellationToken);
    }

    private async Task<PushResult> UpsertAsync(PushUser request, CancellationToken cancellationToken)
    {
        var plan = PbxExtensionPlan.For(request.User, options, knownExtensions: null)
            ?? throw new VendorRejectedException($"User '{request.User.User.Username}' has no PBX extension in their hosted PBX settings.");

        var id = request.VendorId;
        if (id is not null && !await pbx.UpdateAsync(id, plan.Profile, cancellationToken))
        {
            // Deleted at the PBX since the last push: fall back to the lookup by extension number.
            id = null;
        }
        var state = "updated";
        if (id is null)
        {
            var existing = await pbx.FindByExtensionAsync(plan.Profile.Extension, cancellationToken);
            if (existing is not null && await pbx.UpdateAsync(existing.Id, plan.Profile, cancellationToken))
            {
                id = existing.Id;
            }
            else
            {
                id = (await pbx.CreateAsync(plan.Profile, request.IdempotencyKey, cancellationToken)).Id;
                state = "created";
            }
        }

        await pbx.PutVoicemailAsync(id, plan.Voicemail, cancellationToken);
        if (plan.Greeting is not null)
        {
            await pbx.PutGreetingAsync(id, plan.Greeting, cancellationToken);
        }
        await pbx.PutForwardingAsync(id, plan.Forwarding, cancellationToken);
        await pbx.PutDoNotDisturbAsync(id, plan.DoNotDisturb, cancellationToken);
        return new PushResult(id, state);
    }

    private async Task<PushResult> DeleteAsync(string? vendorId, string? extension, CancellationToken cancellationToken)
    {
        var id = vendorId;
        if (id is null && extension is not null)
        {
            id = (await pbx.FindByExtensionAsync(extension, cancellationToken))?.Id;
        }
        var deleted = id is not null && await pbx.DeleteAsync(id, cancellationToken);
        return new PushResult(null, deleted ? "deleted" : "unchanged");
    }
}
