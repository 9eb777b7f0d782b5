using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using FluentValidation;

namespace ConnectorHost.Core.Access.UpdateAdminAccount;

/// <summary>
/// Changes an admin account's role, password or state (null leaves a value as it is); <see cref="Unlock"/> ends a lockout.
/// Any change of password, role or state signs the account out everywhere.
/// </summary>
public sealed record UpdateAdminAccount(Guid Id, AdminRole? Role = null, string? Password = null, bool? Disabled = null, bool Unlock = false) : ICommand<AdminAccountDto>
{
    public override string ToString() => $"UpdateAdminAccount {{ Id = {Id}, Role = {Role}, Disabled = {Disabled}, Unlock = {Unlock} }}";
}

internal sealed class UpdateAdminAccountValidator : AbstractValidator<UpdateAdminAccount>
{
    public UpdateAdminAccountValidator()
    {
        RuleFor(x => x.Password).ValidPassword().When(x => x.Password is not null);
        RuleFor(x => x.Role).IsInEnum().When(x => x.Role is not null);
    }
}

internal sealed class UpdateAdminAccountHandler(HostDbContext db, IPasswordHashing hashing) : MediatR.IRequestHandler<UpdateAdminAccount, AdminAccountDto>
{
    public async Task<AdminAccountDto> Handle(UpdateAdminAccount request, CancellationToken cancellationToken)
    {
        var account = await db.AdminAccounts.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("Admin account", request.Id);
        var demoted = (request.Role is { } role && role != AdminRole.Administrator) || request.Disabled == true;
        if (demoted && account is { Role: AdminRole.Administrator, Disabled: false })
        {
            await LastAdministrator.EnsureOtherThanAsync(db, account.Id, cancellationToken);
        }
        var signOut = false;
        if (request.Role is { } newRole && newRole != account.Role)
        {
            account.Role = newRole;
            signOut = true;
        }
        if (request.Disabled is { } disabled && disabled != account.Disabled)
        {
            account.Disabled = disabled;
            signOut = true;
        }
        if (request.Password is { } password)
        {
            account.PasswordHash = hashing.Hash(password);
            signOut = true;
        }
        if (request.Unlock || request.Password is not null)
        {
            account.FailedSignIns = 0;
            account.LockedUntil = null;
        }
        if (signOut)
        {
            account.SecurityStamp = CreateAdminAccount.CreateAdminAccountHandler.NewStamp();
        }
        return AdminAccountDto.From(account);
    }
}
