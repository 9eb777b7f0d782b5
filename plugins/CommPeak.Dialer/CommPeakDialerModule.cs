using CommPeak.Dialer.Actions;
using CommPeak.Dialer.Gateway;
using CommPeak.Dialer.Settings;
using CommPeak.Dialer.Users;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommPeak.Dialer;

/// <summary>
/// CommPeak dialer connector: every core user with settings here is a dialer agent (roles, skill groups, tags,
/// SIP option, session limits), pushed through CommPeak's user API or delivered as its mass-upload file.
/// Handlers are found by scanning.
/// </summary>
public sealed class CommPeakDialerModule : IConnectorModule
{
    /// <summary>The connector id used in plugins.json.</summary>
    public const string Id = "commpeak-dialer";

    internal static ConnectorManifest Manifest { get; } = new(
        Id,
        "CommPeak Dialer",
        "1.0.0",
        SdkInfo.Version,
        ConnectorCapabilities.ValidateUserSettings
        | ConnectorCapabilities.ProjectUser
        | ConnectorCapabilities.Actions
        | ConnectorCapabilities.PushUser
        | ConnectorCapabilities.ListVendorUsers
        | ConnectorCapabilities.ListFieldOptions);

    /// <inheritdoc />
    /// <exception cref="CommPeakSettingsException">The plugins.json settings are invalid (the message names the fields).</exception>
    public void ConfigureServices(IServiceCollection services, ConnectorContext context)
    {
        var options = CommPeakOptions.Parse(context.Settings, context.PhoneNumbers);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CommPeakApiClient(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CommPeakOptionLists>();
        services.AddSingleton<CommPeakUserRules>();

        services.AddConnectorActions()
            .AddConnectorAction<CommPeakRecordAction>();
    }
}
