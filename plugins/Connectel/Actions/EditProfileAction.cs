using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Gateway;
using Connectel.Profiles;

namespace Connectel.Actions;

/// <summary>Changes a user profile's name, description or permissions at Connectel (fields left out stay as they are).</summary>
internal sealed class EditProfileAction(ConnectelApiClient connectel, ProfileHolders holders) : ConnectorAction<EditProfileAction.Input>
{
    public override ActionDescriptor Descriptor { get; } = new("edit-profile", new LocalizedText("Edit user profile").With("de", "Benutzerprofil bearbeiten"),
        ActionTarget.Connector, "Changes a Connectel user profile; fields left out stay as they are.")
    {
        VendorOnly = true,
        Input = [ProfileInput.IdField, ProfileInput.Name(required: false), ProfileInput.Description, ProfileInput.Permissions],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        if (ProfileWire.RefuseAdminOnly(input.Permissions) is { } refused)
        {
            return refused;
        }
        var updated = await connectel.UpdateProfileAsync(input.Id, ProfileWire.Body(input.Name, input.Description, input.Permissions), cancellationToken);
        return updated is null
            ? ActionResult.Problem(404, "User profile not found", $"Connectel has no user profile with id '{input.Id}'.", [new FieldError(ProfileInput.Id, "No such user profile.")])
            : ActionResult.Json(ProfileWire.Answer(updated, (await holders.ByProfileAsync(cancellationToken))[input.Id]));
    }

    internal sealed record Input(string Id, string? Name, string? Description, IReadOnlyList<string>? Permissions);
}
