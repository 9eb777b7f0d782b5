using ConnectorHost.Core.Access;
using ConnectorHost.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace ConnectorHost.Access;

/// <summary>Passwords hashed with ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, salted, iteration count in the hash).</summary>
internal sealed class IdentityPasswordHashing : IPasswordHashing
{
    private static readonly AdminAccount Nobody = new();
    private readonly PasswordHasher<AdminAccount> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    public bool Verify(string hash, string password, out bool rehash)
    {
        var result = _hasher.VerifyHashedPassword(Nobody, hash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }
}
