using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;
using HostedPbx.Settings;

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

    /// <summary>
    /// Who else holds each of <paramref name="extensions"/> (the user may keep their own number): one indexed lookup per
    /// number, so validating a row of a bulk import does not read every member.
    /// </summary>
    public async Task<IReadOnlyList<ExtensionOwner>> OwnersOfAsync(IEnumerable<string> extensions, Guid userId, CancellationToken cancellationToken)
    {
        var owners = new List<ExtensionOwner>();
        foreach (var extension in extensions.Distinct(StringComparer.Ordinal))
        {
            var holders = await directory.FindUsersBySettingAsync(HostedPbxSchema.Extension, extension, SettingMatch.Exact, cancellationToken);
            owners.AddRange(holders
                .Select(u => new PbxMember(u, PbxUserSettings.Of(u)))
                .Where(m => m.User.Id != userId && m.Settings.Extension == extension)
                .Select(m => new ExtensionOwner(m.Extension, m.Name)));
        }
        return owners;
    }
}
