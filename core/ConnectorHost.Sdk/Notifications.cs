using ConnectorHost.Sdk.Model;
using MediatR;

namespace ConnectorHost.Sdk;

/// <summary>What happened to an entity.</summary>
public enum ChangeKind
{
    /// <summary>The entity was created.</summary>
    Created,
    /// <summary>The entity was changed (including rename and disable).</summary>
    Updated,
    /// <summary>The entity was deleted.</summary>
    Deleted,
}

/// <summary>Published after a user change is committed. Handlers in every loaded plugin receive it.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="User">The user after the change (before it, for a delete).</param>
public sealed record UserChanged(ChangeKind Kind, UserSnapshot User) : INotification;

/// <summary>Published after a group change is committed.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Group">The group after the change (before it, for a delete).</param>
public sealed record GroupChanged(ChangeKind Kind, GroupSnapshot Group) : INotification;

/// <summary>Published after a role change is committed.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Role">The role after the change (before it, for a delete).</param>
public sealed record RoleChanged(ChangeKind Kind, RoleSnapshot Role) : INotification;

/// <summary>Which membership changed.</summary>
public enum MembershipKind
{
    /// <summary>A user joined or left a group.</summary>
    UserGroup,
    /// <summary>A role was given to or taken from a user.</summary>
    UserRole,
    /// <summary>A role was given to or taken from a group.</summary>
    GroupRole,
}

/// <summary>Published after a membership is added or removed.</summary>
/// <param name="Kind">Which membership.</param>
/// <param name="Added">True when added, false when removed.</param>
/// <param name="MemberId">The user (UserGroup, UserRole) or group (GroupRole).</param>
/// <param name="TargetId">The group (UserGroup) or role (UserRole, GroupRole).</param>
public sealed record MembershipChanged(MembershipKind Kind, bool Added, Guid MemberId, Guid TargetId) : INotification;
