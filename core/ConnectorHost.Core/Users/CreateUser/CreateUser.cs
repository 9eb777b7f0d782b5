using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Users.CreateUser;

public sealed record CreateUser(
    string Username,
    string FirstName,
    string LastName,
    string? DisplayName = null,
    string? Email = null,
    IReadOnlyList<string>? PhoneNumbers = null,
    string? Extension = null,
    string? Language = null,
    string? TimeZone = null,
    bool Enabled = true,
    IReadOnlyDictionary<string, string>? Attributes = null) : ICommand<UserDto>, IUserProfile;

internal sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator(CoreOptions options)
    {
        RuleFor(x => x.Username).ValidUsername();
        Include(new UserProfileValidator(options));
    }
}

internal sealed class CreateUserHandler(HostDbContext db, CoreOptions options, PendingNotifications notifications)
    : MediatR.IRequestHandler<CreateUser, UserDto>
{
    public async Task<UserDto> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        var normalized = UsernameKey.Normalize(request.Username);
        if (await db.Users.AnyAsync(u => u.NormalizedUsername == normalized, cancellationToken))
        {
            throw new ConflictException($"Username '{request.Username.Trim()}' is already taken.", [new("username", "Username is already taken.")]);
        }
        return UserDto.From(Add(db, notifications, options, request));
    }

    /// <summary>
    /// Adds the new user to the context (saved by the caller) once the request is valid and the username free; a bulk
    /// import that checked both for a whole batch adds its users with this too.
    /// </summary>
    internal static User Add(HostDbContext db, PendingNotifications notifications, CoreOptions options, CreateUser request)
    {
        var user = new User
        {
            Id = Guid.NewGuid(),
            Username = UsernameKey.Canonical(request.Username),
            NormalizedUsername = UsernameKey.Normalize(request.Username),
            Enabled = request.Enabled,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        user.Apply(request, options);
        db.Users.Add(user);
        notifications.Add(new UserChanged(ChangeKind.Created, UserSnapshots.From(user)));
        return user;
    }
}
