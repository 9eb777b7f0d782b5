using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;

namespace ConnectorHost.Core.Users.UpdateUser;

/// <summary>Replaces a user's profile fields (the username changes only through RenameUser).</summary>
public sealed record UpdateUser(
    Guid Id,
    int? ExpectedVersion,
    string FirstName,
    string LastName,
    string? DisplayName = null,
    string? Email = null,
    IReadOnlyList<string>? PhoneNumbers = null,
    string? Extension = null,
    string? Language = null,
    string? TimeZone = null,
    IReadOnlyDictionary<string, string>? Attributes = null) : ICommand<UserDto>, IUserProfile;

internal sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator(CoreOptions options) => Include(new UserProfileValidator(options));
}

internal sealed class UpdateUserHandler(HostDbContext db, CoreOptions options, PendingNotifications notifications)
    : MediatR.IRequestHandler<UpdateUser, UserDto>
{
    public async Task<UserDto> Handle(UpdateUser request, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("User", request.Id);
        VersionGuard.Check("User", request.Id, request.ExpectedVersion, user.Version);
        user.Apply(request, options);
        user.MarkChanged();
        notifications.Add(new UserChanged(ChangeKind.Updated, UserSnapshots.From(user)));
        return UserDto.From(user);
    }
}
