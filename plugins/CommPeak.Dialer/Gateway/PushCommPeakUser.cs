using System.Text.Json.Nodes;
using CommPeak.Dialer.Settings;
using CommPeak.Dialer.Users;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace CommPeak.Dialer.Gateway;

/// <summary>
/// Creates or updates one CommPeak user; a delete deactivates it (<c>is_active</c> "0"), because CommPeak documents
/// no delete call. Idempotent: without a known id the user is looked up by username before anything is created.
/// A create is followed by an update, since CommPeak's create call takes no names, time zone or session limits.
/// </summary>
internal sealed class PushCommPeakUser(CommPeakApiClient commPeak, CommPeakOptions options) : IRequestHandler<PushUser, PushResult>
{
    public async Task<PushResult> Handle(PushUser request, CancellationToken cancellationToken)
    {
        var plan = CommPeakUserPlan.For(request.User, options);
        var known = request.VendorId ?? request.User.Settings[CommPeakSchema.CommPeakUserId]?.GetValue<string>();
        return request.Operation == PushOperation.Delete
            ? await DeactivateAsync(plan, known, cancellationToken)
            : await UpsertAsync(request, plan, known, cancellationToken);
    }

    private async Task<PushResult> UpsertAsync(PushUser request, CommPeakUserPlan plan, string? id, CancellationToken cancellationToken)
    {
        // Not found under the recorded id: deleted at CommPeak since; fall back to the look-up by username.
        if (id is not null && !await commPeak.UpdateAsync(plan.UpdateBody(id, options.UpdateSendsMemberships), cancellationToken))
        {
            id = null;
        }
        var state = "updated";
        if (id is null)
        {
            id = CommPeakApiClient.IdOf(await commPeak.FindByUsernameAsync(plan.Username, cancellationToken));
            if (id is not null)
            {
                await commPeak.UpdateAsync(plan.UpdateBody(id, options.UpdateSendsMemberships), cancellationToken);
            }
            else
            {
                id = await commPeak.CreateAsync(plan.CreateBody(), cancellationToken)
                    ?? CommPeakApiClient.IdOf(await commPeak.FindByUsernameAsync(plan.Username, cancellationToken))
                    ?? throw new VendorUnavailableException($"CommPeak accepted user '{plan.Username}' but neither its answer nor the user list names the new user's id.");
                await commPeak.UpdateAsync(plan.UpdateBody(id, includeMemberships: false), cancellationToken);
                state = "created";
            }
        }
        var stored = request.User.Settings[CommPeakSchema.CommPeakUserId]?.GetValue<string>();
        return new PushResult(id, state)
        {
            SettingsPatch = stored == id ? null : new JsonObject { [CommPeakSchema.CommPeakUserId] = id },
        };
    }

    private async Task<PushResult> DeactivateAsync(CommPeakUserPlan plan, string? id, CancellationToken cancellationToken)
    {
        id ??= CommPeakApiClient.IdOf(await commPeak.FindByUsernameAsync(plan.Username, cancellationToken));
        if (id is null)
        {
            return new PushResult(null, "absent");
        }
        return await commPeak.UpdateAsync(CommPeakUserPlan.DeactivateBody(id), cancellationToken)
            ? new PushResult(null, "deactivated")
            : new PushResult(null, "absent");
    }
}
