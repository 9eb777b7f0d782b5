using ConnectorHost.Core;
using ConnectorHost.Core.Access.BootstrapAccess;
using MediatR;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ConnectorHost.Access;

/// <summary>
/// Access from the environment at start: <c>CONNECTORHOST_ADMIN_PASSWORD</c> creates <c>admin</c> on a host with no
/// account, <c>CONNECTORHOST_BOOTSTRAP_API_KEY</c> creates or refreshes the administrator key <c>bootstrap</c>. With no
/// admin account the server, once listening, logs a one-time setup link that creates the first administrator.
/// </summary>
internal static class AccessStartup
{
    public const string AdminPasswordVariable = "CONNECTORHOST_ADMIN_PASSWORD";
    public const string BootstrapKeyVariable = "CONNECTORHOST_BOOTSTRAP_API_KEY";

    public static async Task RunAsync(WebApplication app, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        bool hasAccount;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            try
            {
                hasAccount = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                    new BootstrapAccess(Value(environment(AdminPasswordVariable)), Value(environment(BootstrapKeyVariable))), cancellationToken);
            }
            catch (ValidationFailedException ex)
            {
                throw new InvalidOperationException(string.Join(" ", ex.Errors.Select(e => $"{e.Field}: {e.Message}")), ex);
            }
        }
        if (hasAccount)
        {
            return;
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? HostApp.DefaultUrls;
            var token = app.Services.GetRequiredService<SetupLink>().Issue();
            // The token is shown once, here, on purpose: whoever reads the host's console may create the first administrator.
            // Information, not a warning: a fresh host is not a fault, and the console shows Information by default.
            app.Logger.LogInformation("No admin account exists yet. Create the first administrator at {SetupUrl} (the link works once and until the host restarts; or set {Variable}).",
                $"{address.TrimEnd('/')}{SetupLink.Path}?token={token}", AdminPasswordVariable);
        });
    }

    private static string? Value(string? variable) => string.IsNullOrEmpty(variable) ? null : variable;
}
