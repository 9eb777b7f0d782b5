using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text;
using ConnectorHost.Sdk.Hosting;
using HostedPbx.Settings;
using HostedPbx.Users;

namespace HostedPbx.Provisioning;

/// <summary>A token just issued; <see cref="Token"/> exists only in this answer, the store keeps its hash.</summary>
internal sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"IssuedToken {{ ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>What a redeemed token was issued for.</summary>
internal sealed record RedeemedToken(Guid UserId, string Extension, string Purpose);

/// <summary>
/// One-time app provisioning tokens. A token is 256 random bits; only its SHA-256 is stored (collection
/// <c>provisioning-tokens</c>, keyed by the hash) with the user, purpose and expiry. Issuing a new token for
/// the same user and purpose revokes the older one; redeeming deletes it.
/// </summary>
internal sealed class ProvisioningTokens(IConnectorStore store, HostedPbxOptions options, TimeProvider time)
{
    public const string Collection = "provisioning-tokens";
    public const string Mobile = "mobile";
    public const string Desktop = "desktop";

    public async Task<IssuedToken> IssueAsync(PbxMember member, string purpose, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var stored in await store.ListAsync(Collection, cancellationToken))
        {
            var sameSlot = Read(stored.Document, "userId") == member.User.Id.ToString() && Read(stored.Document, "purpose") == purpose;
            if (sameSlot || IsExpired(stored.Document, now))
            {
                await store.DeleteAsync(Collection, stored.Key, cancellationToken);
            }
        }
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expiresAt = now + options.ProvisioningTokenLifetime;
        await store.PutAsync(Collection, HashOf(token), new JsonObject
        {
            ["userId"] = member.User.Id.ToString(),
            ["extension"] = member.Extension,
            ["purpose"] = purpose,
            ["createdAt"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["expiresAt"] = expiresAt.ToString("O", CultureInfo.InvariantCulture),
        }, expectedVersion: 0, cancellationToken);
        return new IssuedToken(token, expiresAt);
    }

    /// <summary>Consumes a token; null when it is unknown, already used or expired.</summary>
    public async Task<RedeemedToken?> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        var key = HashOf(token);
        var stored = await store.GetAsync(Collection, key, cancellationToken);
        if (stored is null || !await store.DeleteAsync(Collection, key, cancellationToken) || IsExpired(stored.Document, time.GetUtcNow()))
        {
            return null;
        }
        return Guid.TryParse(Read(stored.Document, "userId"), out var userId)
            && Read(stored.Document, "extension") is { } extension
            && Read(stored.Document, "purpose") is { } purpose
                ? new RedeemedToken(userId, extension, purpose)
                : null;
    }

    /// <summary>Removes every token of a user (e.g. when the user is deleted).</summary>
    public async Task<int> RevokeAllAsync(Guid userId, CancellationToken cancellationToken)
    {
        var revoked = 0;
        foreach (var stored in await store.ListAsync(Collection, cancellationToken))
        {
            if (Read(stored.Document, "userId") == userId.ToString() && await store.DeleteAsync(Collection, stored.Key, cancellationToken))
            {
                revoked++;
            }
        }
        return revoked;
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static bool IsExpired(JsonObject document, DateTimeOffset now) =>
        !DateTimeOffset.TryParse(Read(document, "expiresAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiresAt) || expiresAt <= now;

    private static string? Read(JsonObject document, string key) =>
        document[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
