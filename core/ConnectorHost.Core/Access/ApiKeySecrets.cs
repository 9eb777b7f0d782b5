using System.Security.Cryptography;
using System.Text;

namespace ConnectorHost.Core.Access;

/// <summary>
/// API keys are 256 random bits, so a plain SHA-256 is enough to store them (no guessing to slow down, unlike
/// passwords) and lets a request find its key by an index lookup.
/// </summary>
internal static class ApiKeySecrets
{
    public const string KeyPrefix = "chk_";
    public const int PrefixLength = 10;

    public static string NewKey() => KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The start of a generated key (its random part begins after "chk_"); a key chosen by a person (the bootstrap key) shows nothing of itself.</summary>
    public static string PrefixOf(string key) => key.StartsWith(KeyPrefix, StringComparison.Ordinal) && key.Length > 2 * PrefixLength ? key[..PrefixLength] : "";
}
