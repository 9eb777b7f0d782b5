using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace TestPlugins.Sample.Actions;

/// <summary>
/// Reports the user's level as the vendor holds it (given as input, standing in for a vendor lookup) and hands it back
/// as a settings patch. Registered twice: <c>adopt-level</c> only calls the vendor, so the host keeps the patch;
/// <c>peek-level</c> is read-only, so the host must not write what it reports.
/// </summary>
internal abstract class ReportedLevelAction : ConnectorAction<ReportedLevelAction.Input>
{
    protected static readonly IReadOnlyList<FieldSchema> LevelInput = [new FieldSchema("level", "Level", FieldType.Int) { Required = true }];

    protected override Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Json(new JsonObject { ["level"] = input.Level }) with { SettingsPatch = new JsonObject { ["level"] = input.Level } });

    internal sealed record Input(int Level);
}

/// <summary>Vendor-only: the level the vendor reports is kept in the user's settings.</summary>
internal sealed class AdoptLevelAction : ReportedLevelAction
{
    public override ActionDescriptor Descriptor { get; } = new("adopt-level", "Adopt the vendor's level", ActionTarget.User,
        "Keeps the level the vendor reports.") { VendorOnly = true, Input = LevelInput };
}

/// <summary>Read-only: reports a level, which the host does not store.</summary>
internal sealed class PeekLevelAction : ReportedLevelAction
{
    public override ActionDescriptor Descriptor { get; } = new("peek-level", "Peek at the vendor's level", ActionTarget.User,
        "Shows the level the vendor reports.", Mutating: false) { Input = LevelInput };
}
