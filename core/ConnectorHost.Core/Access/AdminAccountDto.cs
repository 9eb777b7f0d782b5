using ConnectorHost.Core.Domain;

namespace ConnectorHost.Core.Access;

/// <summary>An admin account as the API shows it: never the password or its hash.</summary>
public sealed record AdminAccountDto(Guid Id, string Username, AdminRole Role, bool Disabled, DateTime? LockedUntil, DateTime? LastSignInAt, DateTime CreatedAt)
{
    public static AdminAccountDto From(AdminAccount a) => new(a.Id, a.Username, a.Role, a.Disabled, a.LockedUntil, a.LastSignInAt, a.CreatedAt);
}
