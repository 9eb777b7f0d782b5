using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;

namespace ConnectorHost.Core.Access.DeleteAdminAccount;

/// <summary>Deletes an admin account (never the last enabled administrator).</summary>
public sealed record DeleteAdminAccount(Guid Id) : ICommand<AdminAccountDto>;

internal sealed class DeleteAdminAccountHandler(HostDbContext db) : MediatR.IRequestHandler<DeleteAdminAccount, AdminAccountDto>
{
    public async Task<AdminAccountDto> Handle(DeleteAdminAccount request, CancellationToken cancellationToken)
    {
        var account = await db.AdminAccounts.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("Admin account", request.Id);
        if (account is { Role: AdminRole.Administrator, Disabled: false })
        {
            await LastAdministrator.EnsureOtherThanAsync(db, account.Id, cancellationToken);
        }
        db.AdminAccounts.Remove(account);
        return AdminAccountDto.From(account);
    }
}
