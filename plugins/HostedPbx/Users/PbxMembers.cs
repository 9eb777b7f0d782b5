using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;

namespace HostedPbx.Users;

/// <summary>A core user that is an extension on the PBX (has hosted PBX settings with an extension number).</summary>
internal sealed record PbxMember(UserContext Context, PbxUserSettings Settings)
{
    public UserSnapshot User => Context.User;

    public string Extension => Settings.Extension!;

    /// <summary>"First Last", falling back to the display name.</summary>
    public string Name => DisplayNameOf(User);

    public static string DisplayNameOf(UserSnapshot user) =>
        $"{user.FirstName} {user.LastName}".Trim() is { Length: > 0 } name ? name : user.DisplayName;
}

/// <summary>Who holds an extension number, for uniqueness and forwarding-target checks.</summary>
/// <param name="Extension">The extension number.</param>
/// <param name="Name">Readable owner, e.g. "Ann Lee" or "row 3" for a CSV row.</param>
internal sealed record ExtensionOwner(string Extension, string Name);

/// <summary>The PBX as the core model sees it: every user with this connector's settings and an extension.</summary>
internal sealed class PbxMembers(IDirectoryReader directory)
{
    public async Task<IReadOnlyList<PbxMember>> ListAsync(CancellationToken cancellationToken)
    {
        var users = await directory.ListUsersWithSettingsAsync(cancellationToken);
        return [.. users
            .Select(u => new PbxMember(u, PbxUserSettings.Of(u)))
            .Where(m => m.Settings.Extension is not null)];
    }

    /// <summary>Owners of every extension except the user's own (the user may keep their number).</summary>
    public async Task<IReadOnlyList<ExtensionOwner>> OwnersExceptAsync(Guid userId, CancellationToken cancellationToken) =>
        [.. (await ListAsync(cancellationToken))
            .Where(m => m.User.Id != userId)
            .Select(m => new ExtensionOwner(m.Extension, m.Name))];
}
