using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using Connectel.Actions;
using Connectel.Gateway;
using Connectel.Settings;
using Connectel.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectel;

/// <summary>
/// Connectel contact center connector (Connectel runs on xCALLY Motion): every core user with settings here is a
/// Connectel staff user (role Admin or User with a user profile), with Security Suite state and voice (SIP peer)
/// settings; user profiles, pickup checks, API keys, password reset and unlock are actions. Handlers are found by scanning.
/// </summary>
public sealed class ConnectelModule : IConnectorModule
{
    /// <summary>The connector id used in plugins.json.</summary>
    public const string Id = "connectel";

    internal static ConnectorManifest Manifest { get; } = new(
        Id,
        "Connectel",
        "1.0.0",
        SdkInfo.Version,
        ConnectorCapabilities.ValidateUserSettings
        | ConnectorCapabilities.ProjectUser
        | ConnectorCapabilities.Actions
        | ConnectorCapabilities.PushUser
        | ConnectorCapabilities.ListVendorUsers
        | ConnectorCapabilities.ListFieldOptions);

    /// <inheritdoc />
    /// <exception cref="ConnectelSettingsException">The plugins.json settings are invalid (the message names the fields).</exception>
    public void ConfigureServices(IServiceCollection services, ConnectorContext context)
    {
        var options = ConnectelOptions.Parse(context.Settings);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ConnectelApiClient(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ConnectelUserPayload>();
        services.AddTransient<Profiles.ProfileHolders>();

        services.AddConnectorActions()
            .AddConnectorAction<ListProfilesAction>()
            .AddConnectorAction<CreateProfileAction>()
            .AddConnectorAction<EditProfileAction>()
            .AddConnectorAction<DeleteProfileAction>()
            .AddConnectorAction<CanPickUpAction>()
            .AddConnectorAction<RegenerateApiKeyAction>()
            .AddConnectorAction<RemoveApiKeyAction>()
            .AddConnectorAction<ResetPasswordAction>()
            .AddConnectorAction<UnlockAction>();
    }
}
