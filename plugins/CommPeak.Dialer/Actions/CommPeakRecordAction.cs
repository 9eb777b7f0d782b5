using CommPeak.Dialer.Gateway;
using CommPeak.Dialer.Settings;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;

namespace CommPeak.Dialer.Actions;

/// <summary>Shows the user's record as CommPeak holds it now (read through the configurable user path).</summary>
internal sealed class CommPeakRecordAction(CommPeakApiClient commPeak) : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("commpeak-user",
        new ConnectorHost.Sdk.Schema.LocalizedText("CommPeak record").With("de", "Datensatz bei CommPeak"), ActionTarget.User,
        "Reads the user's record from CommPeak, e.g. to check roles and active state after a push.", Mutating: false);

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        var user = request.User!;
        var id = request.VendorId ?? user.Settings[CommPeakSchema.CommPeakUserId]?.GetValue<string>();
        if (id is null)
        {
            return ActionResult.Problem(409, "Not at CommPeak yet", $"User '{user.User.Username}' has not been pushed to CommPeak yet.");
        }
        var record = await commPeak.GetAsync(id, cancellationToken);
        return record is null
            ? ActionResult.Problem(404, "Not found at CommPeak", $"CommPeak has no user with id {id} (deleted there?).")
            : ActionResult.Json(record);
    }
}
