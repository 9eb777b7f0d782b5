using System.Text;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;

namespace TestPlugins.Sample.Actions;

/// <summary>Downloads a text badge card for the user.</summary>
internal sealed class BadgeCardAction : ConnectorAction<NoInput>
{
    public override ActionDescriptor Descriptor { get; } = new("badge-card", "Badge card", ActionTarget.User, "Downloads a text badge card for the user.", Mutating: false);

    protected override Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken)
    {
        var text = $"{request.User!.User.DisplayName}\nBadge {request.User.Settings["badge"]}\n";
        return Task.FromResult(ActionResult.File(Encoding.UTF8.GetBytes(text), "text/plain", $"{request.User.User.Username}.txt"));
    }
}
