using System.Security.Claims;
using ConnectorHost.Access;
using ConnectorHost.Core.Access;
using ConnectorHost.Core.Access.CreateAdminAccount;
using ConnectorHost.Core.Access.CreateApiKey;
using ConnectorHost.Core.Access.DeleteAdminAccount;
using ConnectorHost.Core.Access.ListAdminAccounts;
using ConnectorHost.Core.Access.ListApiKeys;
using ConnectorHost.Core.Access.RevokeApiKey;
using ConnectorHost.Core.Access.UpdateAdminAccount;
using ConnectorHost.Core.Domain;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectorHost.Api.Access;

/// <summary>A new admin account.</summary>
public sealed record CreateAdminAccountBody(string Username, string Password, AdminRole Role);

/// <summary>Changes to an admin account; a missing member stays as it is. A new password also ends a lockout.</summary>
public sealed record UpdateAdminAccountBody(AdminRole? Role = null, string? Password = null, bool? Disabled = null, bool Unlock = false);

/// <summary>A new API key.</summary>
public sealed record CreateApiKeyBody(string Name, AdminRole Role);

/// <summary>
/// Who is calling: the actor name the audit records, whether a session or an API key, and the role. For a session,
/// the anti-forgery token every change made with the cookie must send in the <c>X-CSRF-TOKEN</c> header.
/// </summary>
public sealed record CurrentAdmin(string Name, string Kind, AdminRole Role, string? AntiforgeryToken);

/// <summary>A signed-in admin's new password; the current one is checked like a sign-in.</summary>
public sealed record ChangeOwnPasswordBody(string? CurrentPassword, string? NewPassword);

/// <summary>Admin accounts and API keys (administrators only) and the caller's own identity.</summary>
internal static class AccessEndpoints
{
    public static void MapAdminAccess(this IEndpointRouteBuilder administer, IEndpointRouteBuilder signedIn)
    {
        var accounts = administer.MapGroup("/api/admin/accounts").WithTags("Admin access");
        accounts.MapGet("/", async Task<Ok<IReadOnlyList<AdminAccountDto>>> (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListAdminAccounts(), ct)))
            .WithSummary("Every admin account with role, state and lockout; never a password.");
        accounts.MapPost("/", async Task<Created<AdminAccountDto>> (CreateAdminAccountBody body, IMediator mediator, CancellationToken ct) =>
            {
                var account = await mediator.Send(new CreateAdminAccount(body.Username, body.Password, body.Role), ct);
                return TypedResults.Created($"/api/admin/accounts/{account.Id}", account);
            })
            .WithSummary("Create an admin account (password at least 12 characters).");
        accounts.MapPatch("/{id:guid}", async Task<Ok<AdminAccountDto>> (Guid id, UpdateAdminAccountBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new UpdateAdminAccount(id, body.Role, body.Password, body.Disabled, body.Unlock), ct)))
            .WithSummary("Change an account's role, password or state, or end its lockout; its sessions end. The last enabled administrator cannot be demoted or disabled.");
        accounts.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteAdminAccount(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Delete an admin account (not the last enabled administrator).");

        var keys = administer.MapGroup("/api/admin/api-keys").WithTags("Admin access");
        keys.MapGet("/", async Task<Ok<IReadOnlyList<ApiKeyDto>>> (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListApiKeys(), ct)))
            .WithSummary("Every API key with role, prefix, last use and revocation; never the key.");
        keys.MapPost("/", async Task<Created<CreatedApiKey>> (CreateApiKeyBody body, HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new CreateApiKey(body.Name, body.Role), ct);
                // The only time the key exists outside the caller: no cache may keep it.
                response.Headers.CacheControl = "no-store";
                return TypedResults.Created($"/api/admin/api-keys/{created.ApiKey.Id}", created);
            })
            .WithSummary("Create an API key for a role; the answer holds the key once (send it as Authorization: Bearer <key>).");
        keys.MapDelete("/{id:guid}", async Task<Ok<ApiKeyDto>> (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RevokeApiKey(id), ct)))
            .WithSummary("Revoke an API key at once; it stays listed with the time it was revoked.");

        signedIn.MapGroup("/api/me").WithTags("Admin access")
            .MapGet("/", Ok<CurrentAdmin> (HttpContext http, IAntiforgery antiforgery) =>
            {
                var session = AccessClaims.IsSession(http.User);
                var token = session ? antiforgery.GetAndStoreTokens(http).RequestToken : null;
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(new CurrentAdmin(http.User.FindFirstValue(ClaimTypes.Name) ?? "", http.User.FindFirstValue(AccessClaims.Kind) ?? "",
                    AccessClaims.RoleOf(http.User) ?? AdminRole.ReadOnly, token));
            })
            .WithSummary("Who is calling (account or API key, role); for a sign-in session also the anti-forgery token for changes.");
        signedIn.MapPost("/api/me/password", async Task<Results<NoContent, ProblemHttpResult>> (ChangeOwnPasswordBody body, HttpContext http, IMediator mediator, TimeProvider time, CancellationToken ct) =>
            {
                if (!AccessClaims.IsSession(http.User))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No password",
                        detail: "Only a signed-in admin account has a password; API keys are revoked and created anew instead.");
                }
                await OwnPassword.ChangeAsync(http, mediator, time, body.CurrentPassword ?? "", body.NewPassword ?? "", PageText.English, ct);
                return TypedResults.NoContent();
            })
            .WithTags("Admin access")
            .WithSummary("Change the signed-in account's own password (400 naming currentPassword or password); the session is renewed, other sessions end.");
    }
}
