using System.Security.Cryptography;
using System.Text;

namespace ConnectorHost.Access;

/// <summary>
/// The one-time link that creates the first administrator when the host starts with none. The token lives only in
/// this process (a restart prints a new one) and works once; the page refuses as soon as any account exists.
/// </summary>
internal sealed class SetupLink
{
    public const string Path = "/setup";
    private readonly Lock _gate = new();
    private byte[]? _hash;

    /// <summary>Makes a new token (replacing any earlier one) and answers it; only its hash is kept.</summary>
    public string Issue()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        lock (_gate)
        {
            _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        }
        return token;
    }

    public bool IsValid(string? token)
    {
        lock (_gate)
        {
            return IsValidLocked(token);
        }
    }

    /// <summary>True once for the right token; the link is dead afterwards.</summary>
    public bool Consume(string? token)
    {
        lock (_gate)
        {
            if (!IsValidLocked(token))
            {
                return false;
            }
            _hash = null;
            return true;
        }
    }

    private bool IsValidLocked(string? token) =>
        token is not null && _hash is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
