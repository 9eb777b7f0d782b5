using ConnectorHost.Sdk.Model;
using System.Security.Cryptography;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access.CreateAdminAccount;

/// <summary>Creates an admin account; with <see cref="OnlyIfNone"/> (the one-time setup) only while no account exists.</summary>
public sealed record CreateAdminAccount(string Username, string Password, AdminRole Role, bool OnlyIfNone = false) : ICommand<AdminAccountDto>
{
    public override string ToString() => $"CreateAdminAccount {{ Username = {Username}, Role = {Role} }}";
}

internal sealed class CreateAdminAccountValidator : AbstractValidator<CreateAdminAccount>
{
    public CreateAdminAccountValidator()
    {
        RuleFor(x => x.Username).ValidAdminUsername();
        RuleFor(x => x.Password).ValidPassword();
        RuleFor(x => x.Role).IsInEnum();
    }
}

internal sealed class CreateAdminAccountHandler(HostDbContext db, IPasswordHashing hashing, TimeProvider time)
    : MediatR.IRequestHandler<CreateAdminAccount, AdminAccountDto>
{
    public async Task<AdminAccountDto> Handle(CreateAdminAccount request, CancellationToken cancellationToken)
    {
        if (request.OnlyIfNone && await db.AdminAccounts.AnyAsync(cancellationToken))
        {
            throw new ConflictException("An admin account exists already; the setup link works only once.");
        }
        var normalized = UsernameKey.Normalize(request.Username);
        if (await db.AdminAccounts.AnyAsync(a => a.NormalizedUsername == normalized, cancellationToken))
        {
            throw new ConflictException($"Admin account '{request.Username.Trim()}' exists already.", [new("username", "Username is already taken.")]);
        }
        var account = new AdminAccount
        {
            Id = Guid.NewGuid(),
            Username = UsernameKey.Canonical(request.Username),
            NormalizedUsername = normalized,
            PasswordHash = hashing.Hash(request.Password),
            Role = request.Role,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            SecurityStamp = NewStamp(),
        };
        db.AdminAccounts.Add(account);
        return AdminAccountDto.From(account);
    }

    public static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
