using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Gateway;

namespace Connectel.Actions;

/// <summary>Creates a user profile at Connectel (a permission set for role User).</summary>
internal sealed class CreateProfileAction(ConnectelApiClient connectel) : ConnectorAction<CreateProfileAction.Input>
{
    public override ActionDescriptor Descriptor { get; } = new("create-profile", new LocalizedText("Create user profile").With("de", "Benutzerprofil anlegen"),
        ActionTarget.Connector, "Creates a user profile at Connectel with the permissions given.")
    {
        VendorOnly = true,
        Input = [ProfileInput.Name(required: true), ProfileInput.Description, ProfileInput.Permissions],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        if (ProfileWire.RefuseAdminOnly(input.Permissions) is { } refused)
        {
            return refused;
        }
        var created = await connectel.CreateProfileAsync(ProfileWire.Body(input.Name, input.Description, input.Permissions ?? []), cancellationToken);
        return ActionResult.Json(ProfileWire.Answer(created, []));
    }

    internal sealed record Input(string Name, string? Description, IReadOnlyList<string>? Permissions);
}
