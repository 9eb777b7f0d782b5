using ConnectorHost.Sdk.Hosting;
using Connectel.Users;

namespace Connectel.Profiles;

/// <summary>Which core users hold which Connectel user profile (their own setting, else their roles'; role User only).</summary>
internal sealed class ProfileHolders(IDirectoryReader directory)
{
    /// <summary>Display names of the holders, by profile id.</summary>
    public async Task<ILookup<string, string>> ByProfileAsync(CancellationToken cancellationToken) =>
        (await directory.ListUsersWithSettingsAsync(cancellationToken))
            .Select(u => (User: u.User.DisplayName, Settings: ConnectelUserSettings.Of(u)))
            .Where(u => u.Settings.IsUserRole && u.Settings.UserProfile is not null)
            .OrderBy(u => u.User, StringComparer.OrdinalIgnoreCase)
            .ToLookup(u => u.Settings.UserProfile!, u => u.User, StringComparer.Ordinal);
}
