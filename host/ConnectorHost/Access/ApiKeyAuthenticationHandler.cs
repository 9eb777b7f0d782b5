using System.Text.Encodings.Web;
using ConnectorHost.Core.Access;
using ConnectorHost.Core.Access.AuthenticateApiKey;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ConnectorHost.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>: finds the key by its hash (revoked keys are refused) and records its
/// last use in memory when the stored one is more than a minute old; <see cref="ApiKeyUseWriter"/> writes it later, so
/// a read never waits for the database's write lock.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Bearer = "Bearer ";
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var value = header[Bearer.Length..].Trim();
        var key = value.Length is > 0 and <= 512
            ? await Context.RequestServices.GetRequiredService<ApiKeyAuthenticator>().FindAsync(value, Context.RequestAborted)
            : null;
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        if (key.LastUsedAt is not { } last || time.GetUtcNow().UtcDateTime - last > TouchInterval)
        {
            Context.RequestServices.GetRequiredService<ApiKeyUses>().Record(key.Id, time.GetUtcNow().UtcDateTime);
        }
        var principal = AccessClaims.ForApiKey(key);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
