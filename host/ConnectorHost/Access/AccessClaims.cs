using System.Globalization;
using System.Security.Claims;
using ConnectorHost.Core.Access;
using ConnectorHost.Core.Domain;

namespace ConnectorHost.Access;

/// <summary>
/// What a signed-in principal carries: the actor name the audit records (the account's username, or
/// <c>api-key:&lt;name&gt;</c>), the role, and for sessions the account id, security stamp and start time.
/// </summary>
internal static class AccessClaims
{
    public const string Kind = "connectorhost:kind";
    public const string Id = "connectorhost:id";
    public const string Stamp = "connectorhost:stamp";
    public const string Started = "connectorhost:started";
    public const string AccountKind = "account";
    public const string ApiKeyKind = "api-key";

    public static string ActorOf(ApiKeyDto key) => $"api-key:{key.Name}";

    public static ClaimsPrincipal ForAccount(AdminAccountDto account, string securityStamp, DateTimeOffset started) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, account.Username),
            new Claim(ClaimTypes.Role, account.Role.ToString()),
            new Claim(Kind, AccountKind),
            new Claim(Id, account.Id.ToString()),
            new Claim(Stamp, securityStamp),
            new Claim(Started, started.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ], AccessSchemes.Cookie));

    public static ClaimsPrincipal ForApiKey(ApiKeyDto key) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, ActorOf(key)),
            new Claim(ClaimTypes.Role, key.Role.ToString()),
            new Claim(Kind, ApiKeyKind),
            new Claim(Id, key.Id.ToString()),
        ], AccessSchemes.ApiKey));

    /// <summary>The role of a signed-in principal; null when anonymous.</summary>
    public static AdminRole? RoleOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Enum.TryParse<AdminRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static bool IsSession(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: AccessSchemes.Cookie };
}
