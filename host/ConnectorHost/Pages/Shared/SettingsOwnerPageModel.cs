using System.Text.Json.Nodes;
using ConnectorHost.Core;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.GetConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.PutConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.RemoveConnectorSettings;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Shared;

/// <summary>
/// A page of a user, group or role with one tab per loaded connector that takes its settings: the tab's form comes from
/// the schema, saving goes through PutConnectorSettings (schema rules, then the connector's), refusals show at the fields.
/// </summary>
internal abstract class SettingsOwnerPageModel(IMediator mediator, IConnectorCatalog catalog) : AdminPageModel
{
    /// <summary>The user, group or role shown.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The connector tab shown; empty for the owner's own fields.</summary>
    [BindProperty(SupportsGet = true, Name = "tab")]
    public string? Tab { get; set; }

    /// <summary>Loaded connectors with fields for this kind of owner: one tab each.</summary>
    public IReadOnlyList<ConnectorInfo> Tabs { get; private set; } = [];

    public ConnectorInfo? Connector { get; private set; }

    public SettingsPanel? Panel { get; private set; }

    protected abstract SettingsOwner Owner { get; }

    protected abstract IReadOnlyList<FieldSchema> FieldsOf(ConnectorSchema schema);

    protected IMediator Mediator => mediator;

    /// <summary>The owner's page, e.g. /groups/{id}.</summary>
    protected abstract string OwnerPath { get; }

    /// <summary>Reads the owner through its get use case (which throws <see cref="NotFoundException"/> for an unknown id).</summary>
    protected abstract Task LoadOwnerAsync(CancellationToken ct);

    /// <summary>Puts the stored owner into the owner's own form.</summary>
    protected abstract void ShowStored();

    /// <summary>The lists the owner's own form picks from (groups, roles); loaded only when that form is shown.</summary>
    protected abstract Task LoadChoicesAsync(CancellationToken ct);

    /// <summary>What a connector tab shows besides its form (a user's preview); also after a save that stays on the page.</summary>
    protected virtual Task LoadTabExtrasAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ShowStored();
        await LoadConnectorAsync(Id, null, [], ct);
        await (Connector is null ? LoadChoicesAsync(ct) : LoadTabExtrasAsync(ct));
        return Page();
    }

    public async Task<IActionResult> OnPostConnectorAsync(int version, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ShowStored();
        return await SaveConnectorAsync(Id, version, ct);
    }

    public async Task<IActionResult> OnPostRemoveConnectorAsync(int version, CancellationToken ct) =>
        await LoadAsync(ct) ? await RemoveConnectorAsync(Id, version, ct) : NotFound();

    /// <summary>The owner and the connector tabs; false when the owner does not exist.</summary>
    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            await LoadOwnerAsync(ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        LoadTabs();
        return true;
    }

    private void LoadTabs() =>
        Tabs = catalog.All.Where(c => c.Status == ConnectorStatus.Loaded && c.Description is { } d && FieldsOf(d.Schema).Count > 0).OrderBy(c => c.Id).ToList();

    /// <summary>The shown tab's form; <paramref name="shown"/> is what was typed after a refused save.</summary>
    private async Task<ConnectorSettingsDto?> LoadConnectorAsync(Guid ownerId, JsonObject? shown, IReadOnlyList<FieldWarning> warnings, CancellationToken ct)
    {
        Connector = Tabs.FirstOrDefault(c => c.Id == Tab);
        if (Connector is null)
        {
            return null;
        }
        var stored = await mediator.Send(new GetConnectorSettings(Owner, ownerId, Connector.Id), ct);
        Panel = await SettingsPanel.BuildAsync(mediator, Connector.Id, FieldsOf(Connector.Description!.Schema), stored, shown, ModelState, warnings, locked: false, ct);
        return stored;
    }

    /// <summary>Saves the tab's form: a redirect when stored without warnings, else the page with warnings or errors at the fields.</summary>
    private async Task<IActionResult> SaveConnectorAsync(Guid ownerId, int version, CancellationToken ct)
    {
        if (Tabs.FirstOrDefault(c => c.Id == Tab) is not { } connector)
        {
            return NotFound();
        }
        var stored = await mediator.Send(new GetConnectorSettings(Owner, ownerId, connector.Id), ct);
        var document = SettingsForm.Read(Request.Form, FieldsOf(connector.Description!.Schema), SettingsPanel.Prefix, stored.Settings, stored.Secrets, stored.Version > 0);
        try
        {
            var saved = await mediator.Send(new PutConnectorSettings(Owner, ownerId, connector.Id, document, version), ct);
            Flash = Text.Saved;
            if (saved.Warnings.Count == 0)
            {
                return Redirect($"{OwnerPath}?tab={Uri.EscapeDataString(connector.Id)}");
            }
            await LoadTabExtrasAsync(ct);
            await LoadConnectorAsync(ownerId, null, saved.Warnings, ct);
            return Page();
        }
        catch (Exception ex) when (ShowRefusal(ex, SettingsPanel.Prefix))
        {
            FormErrors.Insert(0, Text.FixErrors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadTabExtrasAsync(ct);
            await LoadConnectorAsync(ownerId, document, [], ct);
            return Page();
        }
    }

    private async Task<IActionResult> RemoveConnectorAsync(Guid ownerId, int version, CancellationToken ct)
    {
        if (Tabs.FirstOrDefault(c => c.Id == Tab) is not { } connector)
        {
            return NotFound();
        }
        await mediator.Send(new RemoveConnectorSettings(Owner, ownerId, connector.Id, version), ct);
        Flash = Text.Saved;
        return Redirect($"{OwnerPath}?tab={Uri.EscapeDataString(connector.Id)}");
    }
}
