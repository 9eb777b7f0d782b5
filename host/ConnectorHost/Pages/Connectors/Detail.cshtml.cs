using System.Text.Json.Nodes;
using ConnectorHost.Access;
using ConnectorHost.Api.Connectors;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Groups;
using ConnectorHost.Core.Groups.GroupChoices;
using ConnectorHost.Core.Users.FindUserByUsername;
using ConnectorHost.Pages.Shared;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConnectorHost.Pages.Connectors;

/// <summary>
/// One loaded connector: its fields and the actions it declares, each with its input form. Running an action goes
/// through the same use cases as the API and the same access rule (the connector-actions policy judges the descriptor).
/// </summary>
internal sealed class DetailModel(IConnectorCatalog catalog, IMediator mediator, IAuthorizationService authorization) : AdminPageModel
{
    public const string InputPrefix = "in.";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public ConnectorInfo Connector { get; private set; } = null!;

    public IReadOnlyList<GroupDto> Groups { get; private set; } = [];

    /// <summary>Actions the signed-in role may run; the others are listed without a run button.</summary>
    public HashSet<string> Runnable { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The action just run, its input as typed, and its answer.</summary>
    public string? RanAction { get; private set; }
    public JsonObject RanInput { get; private set; } = [];
    public JsonActionResult? JsonResult { get; private set; }
    public FileActionResult? ImageResult { get; private set; }
    public string? Username { get; private set; }

    public IEnumerable<ActionDescriptor> Actions => Connector.Description!.Actions.Where(a => !a.Anonymous);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync(string actionName, string? username, Guid? groupId, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Actions.FirstOrDefault(a => a.Name == actionName) is not { } action)
        {
            return NotFound();
        }
        if (!Runnable.Contains(action.Name))
        {
            return Forbid();
        }
        RanAction = action.Name;
        Username = username;
        RanInput = SettingsForm.Read(Request.Form, action.Input, InputPrefix + action.Name + ".", [], new Dictionary<string, Core.Secrets.SecretStatus>(), false);
        Guid? userId = null;
        if (action.Target == ActionTarget.User)
        {
            var found = string.IsNullOrWhiteSpace(username) ? null : await mediator.Send(new FindUserByUsername(username), ct);
            if (found is null)
            {
                FormErrors.Add(Text.UnknownUser(username ?? ""));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            userId = found.Id;
        }
        try
        {
            var result = await ConnectorsEndpoints.RunAsync(mediator, Id, action.Name, userId, action.Target == ActionTarget.Group ? groupId : null, RanInput, ConnectorsEndpoints.RouteOf(action), ct);
            switch (result)
            {
                case FileActionResult { ContentType: var type } image when type.StartsWith("image/", StringComparison.OrdinalIgnoreCase):
                    ImageResult = image;
                    break;
                case FileActionResult file:
                    return File(file.Content, file.ContentType, file.FileName);
                case JsonActionResult json:
                    JsonResult = json;
                    break;
            }
            if (JsonResult is { ShowOnce: true })
            {
                Response.Headers.CacheControl = "no-store";
            }
            return Page();
        }
        catch (Exception ex) when (ShowRefusal(ex, InputPrefix + action.Name + "."))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    /// <summary>The action's input form: what was typed after a run, else the defaults.</summary>
    public IEnumerable<SchemaFieldView> InputOf(ActionDescriptor action)
    {
        var prefix = InputPrefix + action.Name + ".";
        var values = action.Name == RanAction ? RanInput : [];
        return action.Input.Select(f => new SchemaFieldView(f, f.Type == FieldType.Secret ? null : SettingsForm.ValueOf(f, values), prefix)
        {
            Error = ErrorAt(prefix + f.Key),
            Locked = !Runnable.Contains(action.Name),
            Visible = f.VisibleWhen is null || SchemaValidator.ConditionHolds(action.Input, f.VisibleWhen, values),
        });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (catalog.Find(Id) is not { Status: ConnectorStatus.Loaded, Description: not null } connector)
        {
            return false;
        }
        Connector = connector;
        // The group picker is shown only for actions that target a group.
        Groups = Actions.Any(a => a.Target == ActionTarget.Group) ? await mediator.Send(new GroupChoices(), ct) : [];
        foreach (var action in Actions)
        {
            // The API's rule, asked the way the API asks it: the connector-actions policy judges the action named in the route.
            HttpContext.Request.RouteValues["action"] = action.Name;
            if ((await authorization.AuthorizeAsync(User, HttpContext, AccessPolicies.ConnectorActions)).Succeeded)
            {
                Runnable.Add(action.Name);
            }
        }
        HttpContext.Request.RouteValues.Remove("action");
        return true;
    }
}
