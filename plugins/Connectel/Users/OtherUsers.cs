using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;

namespace Connectel.Users;

/// <summary>
/// The other Connectel users as one validation sees them, through the host's indexed lookups: who holds a value, and
/// the values in use. No rule reads every user's settings, so a bulk import's row costs the same at row 20,000 as at row 1.
/// </summary>
internal sealed class OtherUsers(IDirectoryReader directory, Guid userId, CancellationToken cancellationToken)
{
    /// <summary>The first other user (by username) whose <paramref name="field"/> is exactly <paramref name="value"/>; null when free.</summary>
    public async Task<UserContext?> HolderAsync(string field, string value) =>
        (await directory.FindUsersBySettingAsync(field, value, SettingMatch.Exact, cancellationToken)).FirstOrDefault(o => o.User.Id != userId);

    /// <summary>True when another user's <paramref name="field"/> is exactly <paramref name="value"/>.</summary>
    public async Task<bool> IsTakenAsync(string field, string value) => await HolderAsync(field, value) is not null;

    /// <summary>The other users' values of <paramref name="field"/>.</summary>
    public async Task<IReadOnlyList<string>> ValuesAsync(string field) =>
        [.. (await directory.ListSettingValuesAsync(field, cancellationToken)).Where(v => v.UserId != userId).Select(v => v.Value)];
}
