using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;

namespace Connectel.Users;

/// <summary>
/// The other Connectel users as one validation sees them: one holder of a value by an indexed lookup, or all of them,
/// read once and only when a rule needs them all.
/// </summary>
internal sealed class OtherUsers(IDirectoryReader directory, Guid userId, CancellationToken cancellationToken)
{
    private IReadOnlyList<UserContext>? _all;

    public async Task<IReadOnlyList<UserContext>> AllAsync() =>
        _all ??= [.. (await directory.ListUsersWithSettingsAsync(cancellationToken)).Where(o => o.User.Id != userId)];

    /// <summary>The first other user (by username) whose <paramref name="field"/> is exactly <paramref name="value"/>; null when free.</summary>
    public async Task<UserContext?> HolderAsync(string field, string value) =>
        (await directory.FindUsersBySettingAsync(field, value, SettingMatch.Exact, cancellationToken)).FirstOrDefault(o => o.User.Id != userId);
}
