using ConnectorHost.Core.Access;
using ConnectorHost.Core.Access.CreateAdminAccount;
using ConnectorHost.Core.Access.CreateApiKey;
using ConnectorHost.Core.Access.DeleteAdminAccount;
using ConnectorHost.Core.Access.ListAdminAccounts;
using ConnectorHost.Core.Access.ListApiKeys;
using ConnectorHost.Core.Access.RevokeApiKey;
using ConnectorHost.Core.Access.UpdateAdminAccount;
using ConnectorHost.Core.Domain;
using ConnectorHost.Pages.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Admin;

/// <summary>Admin accounts and API keys (administrators only, like /api/admin): create, change role, unlock, disable, delete; keys shown once.</summary>
internal sealed class IndexModel(IMediator mediator) : AdminPageModel
{
    public IReadOnlyList<AdminAccountDto> Accounts { get; private set; } = [];

    public IReadOnlyList<ApiKeyDto> Keys { get; private set; } = [];

    /// <summary>A key just created: shown on this answer only.</summary>
    public CreatedApiKey? NewKey { get; private set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public AdminRole Role { get; set; } = AdminRole.Operator;

    [BindProperty]
    public string? KeyName { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAccountAsync(CancellationToken ct) =>
        await RunAsync(() => mediator.Send(new CreateAdminAccount(Username ?? "", Password ?? "", Role), ct), Text.Created, ct);

    public async Task<IActionResult> OnPostUpdateAccountAsync(Guid id, AdminRole? role, bool? disabled, bool unlock, CancellationToken ct) =>
        await RunAsync(() => mediator.Send(new UpdateAdminAccount(id, role, null, disabled, unlock), ct), Text.Saved, ct);

    public async Task<IActionResult> OnPostDeleteAccountAsync(Guid id, CancellationToken ct) =>
        await RunAsync(() => mediator.Send(new DeleteAdminAccount(id), ct), Text.Saved, ct);

    public async Task<IActionResult> OnPostRevokeKeyAsync(Guid id, CancellationToken ct) =>
        await RunAsync(() => mediator.Send(new RevokeApiKey(id), ct), Text.Saved, ct);

    public async Task<IActionResult> OnPostCreateKeyAsync(CancellationToken ct)
    {
        try
        {
            NewKey = await mediator.Send(new CreateApiKey(KeyName ?? "", Role), ct);
            // The key is in this answer only: no cache may keep it.
            Response.Headers.CacheControl = "no-store";
        }
        catch (Exception ex) when (ShowRefusal(ex, "key."))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> RunAsync<T>(Func<Task<T>> change, string done, CancellationToken ct)
    {
        try
        {
            await change();
            Flash = done;
            return Redirect("/admin");
        }
        catch (Exception ex) when (ShowRefusal(ex, "account."))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            FormErrors.AddRange(ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await mediator.Send(new ListAdminAccounts(), ct);
        Keys = await mediator.Send(new ListApiKeys(), ct);
    }
}
