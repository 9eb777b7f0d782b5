using System.Security.Claims;
using ConnectorHost.Core;
using ConnectorHost.Core.Access.SignIn;
using ConnectorHost.Core.Access.UpdateAdminAccount;
using MediatR;
using Microsoft.AspNetCore.Authentication;

namespace ConnectorHost.Access;

/// <summary>
/// A signed-in admin changes their own password: the current one is checked like a sign-in (wrong ones count towards
/// the lockout), the new one is set by the account use case (its rules apply), and the session is renewed, since the
/// new password ends every session of the account.
/// </summary>
internal static class OwnPassword
{
    /// <summary>
    /// Changes the password or throws <see cref="ValidationFailedException"/> naming the field (currentPassword, password);
    /// a wrong or locked current password is refused in <paramref name="text"/>'s language (the API passes English).
    /// </summary>
    public static async Task ChangeAsync(HttpContext http, IMediator mediator, TimeProvider time, string current, string next, PageText text, CancellationToken ct)
    {
        var user = http.User;
        if (!AccessClaims.IsSession(user) || !Guid.TryParse(user.FindFirstValue(AccessClaims.Id), out var id))
        {
            throw new ValidationFailedException([new("currentPassword", "Only a signed-in admin account has a password.")]);
        }
        var username = user.Identity!.Name!;
        var check = await mediator.Send(new SignIn(username, current), ct);
        if (!check.Succeeded)
        {
            throw new ValidationFailedException([new("currentPassword", check.LockedUntil is { } until ? text.LockedOutUntil(until) : text.CurrentPasswordWrong)]);
        }
        await mediator.Send(new UpdateAdminAccount(id, Password: next), ct);
        var renewed = await mediator.Send(new SignIn(username, next), ct);
        if (renewed.Succeeded)
        {
            await http.SignInAsync(AccessSchemes.Cookie, AccessClaims.ForAccount(renewed.Account!, renewed.SecurityStamp!, time.GetUtcNow()),
                new AuthenticationProperties { IsPersistent = false });
        }
    }
}
