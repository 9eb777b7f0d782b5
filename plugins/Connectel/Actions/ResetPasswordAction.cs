using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Gateway;
using Connectel.Settings;

namespace Connectel.Actions;

/// <summary>
/// Sets a temporary password at Connectel that meets the strong policy (so it passes with the Security Suite on or
/// off), marks it to be changed at next login, and shows it once. It is never stored, logged or audited.
/// </summary>
internal sealed class ResetPasswordAction(ConnectelApiClient connectel, ConnectelOptions options) : ConnectorAction<NoInput>
{
    public const int Length = 16;

    public override ActionDescriptor Descriptor { get; } = new("reset-password", new LocalizedText("Reset password").With("de", "Passwort zurücksetzen"),
        ActionTarget.User, "Sets a temporary Connectel password, to be changed at next login, and shows it once.") { VendorOnly = true };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        if (request.VendorId is not { } id)
        {
            return ConnectelActionAnswers.NotAtConnectel(request);
        }
        var password = PasswordRules.Generate(Length);
        var body = new JsonObject { [options.Names.Password] = password, [options.Names.ChangePassword] = true };
        if (await connectel.UpdateUserAsync(id, body, cancellationToken) is not { } reported)
        {
            return ConnectelActionAnswers.GoneAtConnectel(request);
        }
        var result = ActionResult.ShowOnceJson(new JsonObject { ["temporaryPassword"] = password, ["mustChangeAtNextLogin"] = true });
        // The reset time Connectel reports (Security Suite) is kept in the user's settings at once, not only at the next push.
        return options.SecuritySuite && VendorJson.Text(reported[options.Names.LastPasswordReset]) is { } reset
            ? result with { SettingsPatch = new JsonObject { [ConnectelSchema.LastPasswordReset] = reset } }
            : result;
    }
}
