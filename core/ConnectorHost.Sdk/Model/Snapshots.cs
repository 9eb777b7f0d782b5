using System.Text.Json.Nodes;

namespace ConnectorHost.Sdk.Model;

/// <summary>A read-only copy of a core user, as a connector sees it.</summary>
/// <param name="Id">Stable core id.</param>
/// <param name="Username">Unique (case-insensitive) login name in the core model.</param>
/// <param name="FirstName">Given name, may be empty.</param>
/// <param name="LastName">Family name, may be empty.</param>
/// <param name="DisplayName">Name shown in lists.</param>
/// <param name="Email">Primary e-mail address, if any.</param>
/// <param name="PhoneNumbers">Phone numbers in E.164 form.</param>
/// <param name="Extension">Internal extension in the core model, if any.</param>
/// <param name="Language">IETF language tag, e.g. <c>de-DE</c>.</param>
/// <param name="TimeZone">IANA time zone id, e.g. <c>Europe/Berlin</c>.</param>
/// <param name="Enabled">False when the user is disabled in the core.</param>
/// <param name="Attributes">Free key/value attributes.</param>
/// <param name="Version">Optimistic-concurrency version of the core record.</param>
public sealed record UserSnapshot(
    Guid Id,
    string Username,
    string FirstName,
    string LastName,
    string DisplayName,
    string? Email,
    IReadOnlyList<string> PhoneNumbers,
    string? Extension,
    string? Language,
    string? TimeZone,
    bool Enabled,
    IReadOnlyDictionary<string, string> Attributes,
    int Version);

/// <summary>A read-only copy of a core group.</summary>
/// <param name="Id">Stable core id.</param>
/// <param name="Key">Unique key.</param>
/// <param name="Name">Display name.</param>
/// <param name="ParentId">Parent group in the tree, if any.</param>
/// <param name="Attributes">Free key/value attributes.</param>
/// <param name="Version">Optimistic-concurrency version of the core record.</param>
public sealed record GroupSnapshot(
    Guid Id,
    string Key,
    string Name,
    Guid? ParentId,
    IReadOnlyDictionary<string, string> Attributes,
    int Version);

/// <summary>A read-only copy of a core role.</summary>
/// <param name="Id">Stable core id.</param>
/// <param name="Key">Unique key.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">Free text.</param>
public sealed record RoleSnapshot(Guid Id, string Key, string Name, string? Description);

/// <summary>
/// Everything a connector needs to map one user: the core user, this connector's settings for the user,
/// the groups the user belongs to (with this connector's settings for each group) and the effective roles
/// (direct, through groups and through composite roles).
/// </summary>
/// <param name="User">The core user.</param>
/// <param name="Settings">This connector's settings document for the user (empty object when none).</param>
/// <param name="Groups">Groups the user is a direct member of.</param>
/// <param name="Roles">Effective roles of the user, each with this connector's settings for the role.</param>
public sealed record UserContext(
    UserSnapshot User,
    JsonObject Settings,
    IReadOnlyList<GroupContext> Groups,
    IReadOnlyList<RoleContext> Roles);

/// <summary>
/// A role the user holds (directly, through a group or through a composite role) with this connector's
/// settings for it, so a connector can map core roles onto vendor roles or profiles.
/// </summary>
/// <param name="Role">The core role.</param>
/// <param name="Settings">This connector's settings document for the role (empty object when none).</param>
public sealed record RoleContext(RoleSnapshot Role, JsonObject Settings);

/// <summary>A core group with this connector's settings for it.</summary>
/// <param name="Group">The core group.</param>
/// <param name="Settings">This connector's settings document for the group (empty object when none).</param>
/// <param name="MemberIds">Ids of the users that are direct members.</param>
public sealed record GroupContext(GroupSnapshot Group, JsonObject Settings, IReadOnlyList<Guid> MemberIds);
