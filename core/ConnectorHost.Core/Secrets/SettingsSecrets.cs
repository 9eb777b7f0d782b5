using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Core.Secrets;

/// <summary>
/// How secret fields of a settings document are kept at rest. A stored secret is an envelope in place of the value:
/// <c>{"$protected":"CfDJ8…","$setAt":"2026-11-30T17:00:00Z"}</c>; a write-only secret erased after its push keeps
/// only <c>{"$setAt":…}</c>. The clear value exists only in memory: while a request validates it and when a plugin
/// receives a user or group context (<see cref="Open"/>), which is where the vendor needs it.
/// </summary>
public sealed class SettingsSecrets(ISecretProtector protector, ILogger<SettingsSecrets> logger)
{
    public const string ProtectedKey = "$protected";
    public const string SetAtKey = "$setAt";

    /// <summary>The document a plugin sees: protected secrets decrypted, erased ones absent.</summary>
    public JsonObject Open(JsonObject stored)
    {
        if (!stored.Any(p => IsEnvelope(p.Value, out _)))
        {
            return stored;
        }
        var clear = (JsonObject)stored.DeepClone();
        foreach (var (key, value) in stored)
        {
            if (!IsEnvelope(value, out var envelope))
            {
                continue;
            }
            if (envelope[ProtectedKey] is JsonValue p && p.TryGetValue(out string? cipher))
            {
                if (protector.TryUnprotect(cipher, out var text))
                {
                    clear[key] = text;
                    continue;
                }
                // Never the value: only which field, so an admin knows what to enter again.
                logger.LogWarning("The stored secret '{Field}' cannot be decrypted with this key ring (was the data folder's key ring replaced?); it is treated as not set", key);
            }
            clear.Remove(key);
        }
        return clear;
    }

    /// <summary>
    /// The document to store: every secret field of <paramref name="fields"/> that holds clear text becomes an envelope.
    /// A value equal to what <paramref name="storedBefore"/> holds keeps its envelope (and the time it was set), so
    /// saving a document with an unchanged secret changes nothing at rest.
    /// </summary>
    public JsonObject Seal(IReadOnlyList<FieldSchema> fields, JsonObject settings, JsonObject? storedBefore, DateTime now)
    {
        var result = (JsonObject)settings.DeepClone();
        foreach (var field in fields.Where(f => f.Type == FieldType.Secret))
        {
            if (result[field.Key] is not JsonValue v || !v.TryGetValue(out string? text) || text.Length == 0)
            {
                continue;
            }
            if (storedBefore?[field.Key] is { } before && IsEnvelope(before, out var old)
                && old[ProtectedKey] is JsonValue p && p.TryGetValue(out string? cipher)
                && protector.TryUnprotect(cipher, out var previous) && previous == text)
            {
                result[field.Key] = old.DeepClone();
                continue;
            }
            result[field.Key] = new JsonObject
            {
                [ProtectedKey] = protector.Protect(text),
                [SetAtKey] = now.ToString("O", CultureInfo.InvariantCulture),
            };
        }
        return result;
    }

    /// <summary>The same document with each write-only secret whose envelope is still <paramref name="pushed"/> reduced to when it was set.</summary>
    public static JsonObject Erase(JsonObject stored, IReadOnlyDictionary<string, string> pushed)
    {
        var result = (JsonObject)stored.DeepClone();
        foreach (var (key, cipher) in pushed)
        {
            if (IsEnvelope(result[key], out var envelope) && envelope[ProtectedKey]?.GetValue<string>() == cipher)
            {
                result[key] = new JsonObject { [SetAtKey] = envelope[SetAtKey]?.DeepClone() };
            }
        }
        return result;
    }

    /// <summary>The encrypted values of the write-only fields, as stored now (what a push is about to send).</summary>
    public static IReadOnlyDictionary<string, string> WriteOnlyHeld(IReadOnlyList<FieldSchema> fields, JsonObject stored) =>
        fields.Where(f => f.Type == FieldType.Secret && f.WriteOnly)
            .Select(f => (f.Key, Cipher: IsEnvelope(stored[f.Key], out var e) ? e[ProtectedKey]?.GetValue<string>() : null))
            .Where(x => x.Cipher is not null)
            .ToDictionary(x => x.Key, x => x.Cipher!, StringComparer.Ordinal);

    /// <summary>What the API and the audit show instead of secret values: the mask, plus when each was set.</summary>
    public static (JsonObject Masked, IReadOnlyDictionary<string, SecretStatus> Secrets) Mask(IReadOnlyList<FieldSchema> fields, JsonObject stored)
    {
        var status = new Dictionary<string, SecretStatus>(StringComparer.Ordinal);
        foreach (var field in fields.Where(f => f.Type == FieldType.Secret))
        {
            var value = stored[field.Key];
            if (IsEnvelope(value, out var envelope))
            {
                status[field.Key] = new SecretStatus(SetAt(envelope), envelope.ContainsKey(ProtectedKey));
            }
            else if (value is JsonValue v && v.TryGetValue(out string? text) && text.Length > 0)
            {
                // Not sealed yet (a document from before encryption at rest, until the start-up pass seals it).
                status[field.Key] = new SecretStatus(null, true);
            }
        }
        return (SchemaValidator.MaskSecrets(fields, stored), status);
    }

    /// <summary>
    /// The write-only secrets a request sends back masked although the host no longer holds them: they stay "set"
    /// (the vendor has them). Returns the proposed document without them and the envelopes to put back after validation.
    /// </summary>
    public static (JsonObject Proposed, JsonObject Kept) KeepErased(IReadOnlyList<FieldSchema> fields, JsonObject proposed, JsonObject? stored)
    {
        var rest = (JsonObject)proposed.DeepClone();
        var kept = new JsonObject();
        foreach (var field in fields.Where(f => f.Type == FieldType.Secret && f.WriteOnly))
        {
            if (rest[field.Key] is JsonValue v && v.TryGetValue(out string? text) && text == SchemaValidator.SecretMask
                && stored?[field.Key] is { } before && IsEnvelope(before, out var envelope) && !envelope.ContainsKey(ProtectedKey))
            {
                rest.Remove(field.Key);
                kept[field.Key] = envelope.DeepClone();
            }
        }
        return (rest, kept);
    }

    /// <summary>
    /// True when two stored forms of a document hold the same values for the vendor: only the way they are kept differs
    /// (a secret sealed from clear text, a pushed write-only secret erased, a file moved out to a reference). Such a
    /// save needs no new push.
    /// </summary>
    public bool SameForVendor(string? originalJson, string? currentJson)
    {
        var original = Parse(originalJson);
        var current = Parse(currentJson);
        if (original is null || current is null)
        {
            return false;
        }
        var keys = original.Select(p => p.Key).Union(current.Select(p => p.Key)).ToList();
        foreach (var key in keys)
        {
            var before = original[key];
            var after = current[key];
            if (JsonNode.DeepEquals(before, after))
            {
                continue;
            }
            var erased = IsEnvelope(before, out var b) && IsEnvelope(after, out var a)
                && b.ContainsKey(ProtectedKey) && !a.ContainsKey(ProtectedKey)
                && JsonNode.DeepEquals(b[SetAtKey], a[SetAtKey]);
            var sealedOnly = before is JsonValue && IsEnvelope(after, out var s) && s[ProtectedKey] is JsonValue c
                && c.TryGetValue(out string? cipher) && protector.TryUnprotect(cipher, out var text)
                && before.GetValueKind() == JsonValueKind.String && before.GetValue<string>() == text;
            var storedApart = before is JsonObject embedded && after is JsonObject reference && SameFile(embedded, reference);
            if (!erased && !sealedOnly && !storedApart)
            {
                return false;
            }
        }
        return true;
    }

    // An uploaded file moved out of the document: the reference names the same bytes.
    private static bool SameFile(JsonObject embedded, JsonObject reference)
    {
        if (embedded["data"] is not JsonValue d || !d.TryGetValue(out string? base64) || reference["sha256"] is not JsonValue r || !r.TryGetValue(out string? sha))
        {
            return false;
        }
        try
        {
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(base64))) == sha;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>True when a secret field of the document still holds clear text (stored before encryption at rest).</summary>
    public static bool HasClearSecrets(IReadOnlyList<FieldSchema> fields, JsonObject stored) =>
        fields.Any(f => f.Type == FieldType.Secret && stored[f.Key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0);

    private static bool IsEnvelope(JsonNode? value, out JsonObject envelope)
    {
        envelope = value as JsonObject ?? [];
        return value is JsonObject o && o.ContainsKey(SetAtKey);
    }

    private static DateTime? SetAt(JsonObject envelope) =>
        envelope[SetAtKey] is JsonValue v && v.TryGetValue(out string? text)
        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    private static JsonObject? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
