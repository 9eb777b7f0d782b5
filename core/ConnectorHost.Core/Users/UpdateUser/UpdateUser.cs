using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;

namespace ConnectorHost.Core.Users.UpdateUser;

/// <summary>
/// Replaces a user's profile fields. The username changes only through RenameUser and the state through
/// DisableUser; <see cref="Username"/> and <see cref="Enabled"/>, when sent back, must equal the stored ones.
/// </summary>
public sealed record UpdateUser(
    Guid Id,
    VersionCondition? ExpectedVersion,
    string FirstName,
    string LastName,
    string? DisplayName = null,
    string? Email = null,
    IReadOnlyList<string>? PhoneNumbers = null,
    string? Extension = null,
    string? Language = null,
    string? TimeZone = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    string? Username = null,
    bool? Enabled = null) : ICommand<UserDto>, IUserProfile;

internal sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator(CoreOptions options) => Include(new UserProfileValidator(options));
}

internal sealed class UpdateUserHandler(HostDbContext db, CoreOptions options, PendingNotifications notifications, CoreChangeCheck connectors)
    : MediatR.IRequestHandler<UpdateUser, UserDto>
{
    public async Task<UserDto> Handle(UpdateUser request, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("User", request.Id);
        VersionGuard.Check("User", request.Id, request.ExpectedVersion, user.Version);
        ReadOnlyMembers.RequireUnchanged("username", request.Username is null ? null : UsernameKey.Canonical(request.Username), user.Username, "rename the user to change it.");
        ReadOnlyMembers.RequireUnchanged("enabled", request.Enabled, user.Enabled, "disable or enable the user to change it.");
        var before = UserSnapshots.From(user);
        user.Apply(request, options);
        user.MarkChanged();
        await connectors.CheckAsync([user.Id], before, cancellationToken);
        notifications.Add(new UserChanged(ChangeKind.Updated, UserSnapshots.From(user)));
        return UserDto.From(user);
    }
}
