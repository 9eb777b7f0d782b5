using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Gateway;
using Connectel.Profiles;

namespace Connectel.Actions;

/// <summary>
/// Deletes a user profile at Connectel. A profile some user holds (their own setting or through a core role) is
/// refused with 409 naming those users, before Connectel is asked; Connectel's own "in use" refusal is a 409 too.
/// </summary>
internal sealed class DeleteProfileAction(ConnectelApiClient connectel, ProfileHolders holders) : ConnectorAction<DeleteProfileAction.Input>
{
    public override ActionDescriptor Descriptor { get; } = new("delete-profile", new LocalizedText("Delete user profile").With("de", "Benutzerprofil löschen"),
        ActionTarget.Connector, "Deletes a Connectel user profile that no user holds.")
    {
        VendorOnly = true,
        Input = [ProfileInput.IdField],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        var users = (await holders.ByProfileAsync(cancellationToken))[input.Id].ToList();
        if (users.Count > 0)
        {
            return InUse(input.Id, string.Join(", ", users));
        }
        try
        {
            return await connectel.DeleteProfileAsync(input.Id, cancellationToken)
                ? ActionResult.Json(new JsonObject { ["id"] = input.Id, ["deleted"] = true })
                : ActionResult.Problem(404, "User profile not found", $"Connectel has no user profile with id '{input.Id}'.", [new FieldError(ProfileInput.Id, "No such user profile.")]);
        }
        catch (VendorRejectedException e) when (e.StatusCode == 409)
        {
            // Held by Connectel users the core does not know (e.g. made by hand); Connectel's message names them.
            return InUse(input.Id, e.Message);
        }
    }

    private static ActionResult InUse(string id, string users) =>
        ActionResult.Problem(409, "User profile in use", $"User profile '{id}' is still held by: {users}. Give them another profile first.",
            [new FieldError(ProfileInput.Id, $"Held by: {users}.") { Code = FieldErrorCodes.Conflict }]);

    internal sealed record Input(string Id);
}
