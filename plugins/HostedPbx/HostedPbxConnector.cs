using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk;
using HostedPbx.Actions;
using HostedPbx.DialByName;
using HostedPbx.Gateway;
using HostedPbx.Provisioning;
using HostedPbx.Settings;
using HostedPbx.Users;
using HostedPbx.Voicemail;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace HostedPbx;

/// <summary>
/// Hosted PBX connector: every core user with settings here is an extension of the PBX (voicemail, call
/// forwarding, DND, mobile/desktop app provisioning, CSV import). Handlers are found by scanning.
/// </summary>
public sealed class HostedPbxConnector : IConnectorModule
{
    /// <summary>The connector id used in plugins.json.</summary>
    public const string Id = "hosted-pbx";

    internal static ConnectorManifest Manifest { get; } = new(
        Id,
        "Hosted PBX",
        "1.0.0",
        SdkInfo.Version,
        ConnectorCapabilities.ValidateUserSettings
        | ConnectorCapabilities.ProjectUser
        | ConnectorCapabilities.Actions
        | ConnectorCapabilities.PushUser
        | ConnectorCapabilities.ListVendorUsers
        | ConnectorCapabilities.ListFieldOptions);

    /// <inheritdoc />
    /// <exception cref="HostedPbxSettingsException">The plugins.json settings are invalid (the message names the fields).</exception>
    public void ConfigureServices(IServiceCollection services, ConnectorContext context)
    {
        var options = HostedPbxOptions.Parse(context.Settings, context.PhoneNumbers);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PbxApiClient(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PbxUserRules>();
        services.AddTransient<PbxMembers>();
        services.AddTransient<ProvisioningTokens>();
        services.AddTransient<PbxMailbox>();

        services.AddConnectorActions()
            .AddConnectorAction<SearchAction>()
            .AddConnectorAction<DialByNameAction>()
            .AddConnectorAction<QrCodeAction>()
            .AddConnectorAction<DesktopConfigAction>()
            .AddConnectorAction<RedeemProvisioningTokenAction>()
            .AddConnectorAction<VoicemailMessagesAction>()
            .AddConnectorAction<VoicemailMessageAction>()
            .AddConnectorAction<VoicemailMessageDeleteAction>()
            .AddConnectorAction<DeleteUserAction>();
    }
}
