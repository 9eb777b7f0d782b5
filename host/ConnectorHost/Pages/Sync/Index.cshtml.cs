using ConnectorHost.Core;
using ConnectorHost.Core.Sync;
using ConnectorHost.Core.Sync.ConfirmDeletes;
using ConnectorHost.Core.Sync.DeadLetters;
using ConnectorHost.Core.Sync.GetSyncStatus;
using ConnectorHost.Core.Sync.Plan;
using ConnectorHost.Core.Sync.PushNow;
using ConnectorHost.Core.Users.FindUserByUsername;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Sync;

/// <summary>Sync per connector: status, a dry-run plan with field differences, push one user with its trace, dead letters, held deletes.</summary>
internal sealed class IndexModel(IMediator mediator) : AdminPageModel
{
    /// <summary>The connector whose dry-run plan is shown.</summary>
    [BindProperty(SupportsGet = true, Name = "plan")]
    public string? PlanFor { get; set; }

    public IReadOnlyList<ConnectorSyncStatus> Status { get; private set; } = [];

    public ConnectorComparison? Plan { get; private set; }

    public Page<DeadLetterDto> DeadLetters { get; private set; } = new([], 1, 50, 0);

    public PushTrace? Trace { get; private set; }

    public string? PushConnector { get; private set; }

    public string? PushUsername { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (PlanFor is { Length: > 0 } connector)
        {
            try
            {
                Plan = (await mediator.Send(new PlanSync(connector), ct)).FirstOrDefault();
            }
            catch (Exception ex) when (ShowRefusal(ex))
            {
                Plan = null;
            }
        }
    }

    public async Task<IActionResult> OnPostPushAsync(string connectorId, string username, CancellationToken ct)
    {
        PushConnector = connectorId;
        PushUsername = username;
        var user = string.IsNullOrWhiteSpace(username) ? null : await mediator.Send(new FindUserByUsername(username), ct);
        if (user is null)
        {
            FormErrors.Add(Text.UnknownUser(username ?? ""));
        }
        else
        {
            try
            {
                Trace = await mediator.Send(new PushUserNow(connectorId, user.Id), ct);
            }
            catch (Exception ex) when (ShowRefusal(ex))
            {
                Trace = null;
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(string? connectorId, long? jobId, CancellationToken ct)
    {
        var count = await mediator.Send(new RetryDeadLetters(connectorId, jobId is { } id ? [id] : []), ct);
        Flash = Text.Requeued(count);
        return Redirect("/sync");
    }

    public async Task<IActionResult> OnPostDiscardAsync(string? connectorId, long? jobId, CancellationToken ct)
    {
        var count = await mediator.Send(new DiscardDeadLetters(connectorId, jobId is { } id ? [id] : []), ct);
        Flash = Text.Discarded(count);
        return Redirect("/sync");
    }

    public async Task<IActionResult> OnPostConfirmDeletesAsync(string connectorId, CancellationToken ct)
    {
        var count = await mediator.Send(new ConfirmDeletes(connectorId), ct);
        Flash = Text.DeletesReleased(count);
        return Redirect("/sync");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Status = await mediator.Send(new GetSyncStatus(), ct);
        DeadLetters = await mediator.Send(new ListDeadLetters(null, 1, 100), ct);
    }
}
