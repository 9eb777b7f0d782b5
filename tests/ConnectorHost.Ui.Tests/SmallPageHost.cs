namespace ConnectorHost.Ui.Tests;

/// <summary>The host with a maximum list page of two: pickers must still offer every group and role.</summary>
public sealed class SmallPageHost : UiHost
{
    protected override IReadOnlyDictionary<string, string?>? Configuration => new Dictionary<string, string?> { ["ConnectorHost:MaxPageSize"] = "2" };
}
