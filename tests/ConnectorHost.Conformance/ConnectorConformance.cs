using System.Text.Json.Nodes;
using ConnectorHost.Core.Sync;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Conformance;

/// <summary>
/// Checks a connector plugin against the host's contract in one call, with the connector's own fake vendor behind a
/// fault-injecting proxy: manifest, capabilities, schemas and defaults, field errors and conflicts, projections that
/// match the vendor's list after a push, idempotent pushes and deletes, the mapping of vendor failures to the SDK's
/// exceptions, and that no secret shows anywhere. See docs/writing-a-connector.md, "Conformance".
/// </summary>
public static class ConnectorConformance
{
    /// <summary>Runs every check and returns the report (it does not throw on failures).</summary>
    public static async Task<ConformanceReport> RunAsync<TModule>(ConformanceSubject subject)
        where TModule : IConnectorModule, new()
    {
        var run = new ConformanceRun(subject);
        await run.RunAsync(settings => PluginHarness.Create<TModule>(subject.ConnectorId, settings, run.Loggers));
        return new ConformanceReport(subject.ConnectorId, run.Checks);
    }

    /// <summary>Runs every check and throws <see cref="ConformanceFailedException"/> listing the failures, if any.</summary>
    public static async Task<ConformanceReport> AssertConformsAsync<TModule>(ConformanceSubject subject)
        where TModule : IConnectorModule, new()
    {
        var report = await RunAsync<TModule>(subject);
        report.ThrowIfFailed();
        return report;
    }

    /// <summary>The messages of an exception and its inner exceptions, one line.</summary>
    internal static string MessagesOf(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add($"{e.GetType().Name}: {e.Message}");
        }
        return string.Join(" <- ", messages);
    }

    /// <summary>The handler each capability stands for.</summary>
    internal static IReadOnlyList<(ConnectorCapabilities Capability, Type Handler)> CapabilityHandlers { get; } =
    [
        (ConnectorCapabilities.ValidateUserSettings, typeof(IRequestHandler<ValidateUserSettings, SettingsValidation>)),
        (ConnectorCapabilities.ValidateGroupSettings, typeof(IRequestHandler<ValidateGroupSettings, SettingsValidation>)),
        (ConnectorCapabilities.ProjectUser, typeof(IRequestHandler<ProjectUser, Projection>)),
        (ConnectorCapabilities.ProjectGroup, typeof(IRequestHandler<ProjectGroup, Projection>)),
        (ConnectorCapabilities.Actions, typeof(IRequestHandler<InvokeAction, ActionResult>)),
        (ConnectorCapabilities.PushUser, typeof(IRequestHandler<PushUser, PushResult>)),
        (ConnectorCapabilities.PushGroup, typeof(IRequestHandler<PushGroup, PushResult>)),
        (ConnectorCapabilities.ListVendorUsers, typeof(IRequestHandler<ListVendorUsers, VendorUserPage>)),
        (ConnectorCapabilities.ListFieldOptions, typeof(IRequestHandler<ListFieldOptions, FieldOptionList>)),
    ];
}
