using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Access.SignIn;

/// <summary>
/// Checks a username and password. A wrong password counts towards the lockout (and is saved: the outcome is
/// returned, not thrown, so the transaction commits it); a locked or disabled account is refused without checking.
/// </summary>
public sealed record SignIn(string Username, string Password) : ICommand<SignInOutcome>
{
    public override string ToString() => $"SignIn {{ Username = {Username} }}";
}

/// <summary>The account and its session stamp when the password matched; otherwise why not (the lockout's end, if locked).</summary>
public sealed record SignInOutcome(AdminAccountDto? Account, string? SecurityStamp, DateTime? LockedUntil)
{
    public bool Succeeded => Account is not null;
}

internal sealed class SignInHandler(HostDbContext db, IPasswordHashing hashing, TimeProvider time) : MediatR.IRequestHandler<SignIn, SignInOutcome>
{
    // Verified when the username is unknown, so a wrong username takes as long as a wrong password.
    private static readonly Lazy<string> Decoy = new(() => Guid.NewGuid().ToString("N"));

    public async Task<SignInOutcome> Handle(SignIn request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var normalized = UsernameKey.NormalizeOrNull(request.Username) ?? "";
        var account = await db.AdminAccounts.FirstOrDefaultAsync(a => a.NormalizedUsername == normalized, cancellationToken);
        if (account is null)
        {
            hashing.Verify(hashing.Hash(Decoy.Value), request.Password, out _);
            return new SignInOutcome(null, null, null);
        }
        if (account.LockedUntil is { } until && until > now)
        {
            return new SignInOutcome(null, null, until);
        }
        if (!hashing.Verify(account.PasswordHash, request.Password, out var rehash) || account.Disabled)
        {
            account.FailedSignIns++;
            account.LockedUntil = Lockout.WaitAfter(account.FailedSignIns) is { } wait ? now + wait : null;
            return new SignInOutcome(null, null, account.LockedUntil);
        }
        if (rehash)
        {
            account.PasswordHash = hashing.Hash(request.Password);
        }
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.LastSignInAt = now;
        return new SignInOutcome(AdminAccountDto.From(account), account.SecurityStamp, null);
    }
}
