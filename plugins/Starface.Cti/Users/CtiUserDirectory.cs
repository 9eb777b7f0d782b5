using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;
using Starface.Cti.Groups;
using Starface.Cti.Settings;

namespace Starface.Cti.Users;

/// <summary>A core user seen through this connector: settings and effective CTI group.</summary>
internal sealed record CtiUser(UserContext Context, CtiUserSettings Settings, EffectiveCtiGroup Group)
{
    public Guid Id => Context.User.Id;
    public string Username => Context.User.Username;

    /// <summary>Inactive users keep their settings but are ignored by visibility, screen pop and uniqueness.</summary>
    public bool TakesPartInCti => Settings.TakesPartInCti;
}

/// <summary>Reads every user with CTI settings, with their effective CTI group.</summary>
internal sealed class CtiUserDirectory(IDirectoryReader directory, CtiGroupStore groups)
{
    public async Task<IReadOnlyList<CtiUser>> ListAsync(CancellationToken cancellationToken)
    {
        var existing = await groups.ExistingIdsAsync(cancellationToken);
        var users = await directory.ListUsersWithSettingsAsync(cancellationToken);
        return users.Select(u => Describe(u, existing)).ToList();
    }

    public async Task<CtiUser> DescribeAsync(UserContext user, CancellationToken cancellationToken) =>
        Describe(user, await groups.ExistingIdsAsync(cancellationToken));

    public static CtiUser Describe(UserContext user, IReadOnlySet<string> existingGroups) =>
        new(user, CtiUserSettings.From(user.Settings), CtiGroupResolver.Resolve(user, existingGroups));

    /// <summary>The CTI-active users <paramref name="viewer"/> sees in the CTI client (never the viewer itself).</summary>
    public static IReadOnlyList<CtiUser> VisibleTo(CtiUser viewer, IEnumerable<CtiUser> everyone)
    {
        if (!viewer.TakesPartInCti)
        {
            return [];
        }
        return everyone
            .Where(u => u.Id != viewer.Id && u.TakesPartInCti)
            .Where(u => viewer.Group.GroupId is null || string.Equals(u.Group.GroupId, viewer.Group.GroupId, StringComparison.Ordinal))
            .OrderBy(u => u.Settings.Extension, StringComparer.Ordinal)
            .ThenBy(u => u.Username, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
