using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Files;

/// <summary>
/// Keeps uploaded files (<see cref="FieldType.File"/>) out of settings documents: the bytes go to
/// <see cref="StoredFile"/> once per content, the document keeps a reference. A request sends
/// <c>{"fileName","data"}</c> (base64); the stored and shown form is <c>{"fileName","contentType","size","sha256"}</c>.
/// </summary>
public static class FileFields
{
    public const string Sha256Key = "sha256";
    public const string DataKey = "data";

    /// <summary>Replaces every uploaded file of the document by a reference, storing bytes not stored yet.</summary>
    public static async Task<JsonObject> StoreAsync(HostDbContext db, IReadOnlyList<FieldSchema> fields, JsonObject settings, DateTime now, CancellationToken cancellationToken)
    {
        var result = settings;
        foreach (var field in fields.Where(f => f.Type == FieldType.File))
        {
            if (settings[field.Key] is not JsonObject file || file[DataKey] is not JsonValue data || !data.TryGetValue(out string? base64))
            {
                continue;
            }
            var bytes = Convert.FromBase64String(base64);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var contentType = file["contentType"]?.GetValue<string>() ?? "application/octet-stream";
            if (!db.StoredFiles.Local.Any(f => f.Sha256 == sha) && !await db.StoredFiles.AnyAsync(f => f.Sha256 == sha, cancellationToken))
            {
                db.StoredFiles.Add(new StoredFile { Sha256 = sha, ContentType = contentType, Size = bytes.LongLength, Content = bytes, CreatedAt = now });
            }
            if (ReferenceEquals(result, settings))
            {
                result = (JsonObject)settings.DeepClone();
            }
            result[field.Key] = new JsonObject
            {
                ["fileName"] = file["fileName"]?.DeepClone(),
                ["contentType"] = contentType,
                ["size"] = bytes.LongLength,
                [Sha256Key] = sha,
            };
        }
        return result;
    }

    /// <summary>
    /// The file references a request sends back unchanged (as a form or a merge patch does): they keep the stored
    /// file. Returns the proposal without them and the references to put back after validation.
    /// </summary>
    public static (JsonObject Proposed, JsonObject Kept) KeepReferences(IReadOnlyList<FieldSchema> fields, JsonObject proposed, JsonObject? stored)
    {
        var rest = proposed;
        var kept = new JsonObject();
        foreach (var field in fields.Where(f => f.Type == FieldType.File))
        {
            if (proposed[field.Key] is JsonObject sent && !sent.ContainsKey(DataKey) && Sha(sent) is { } sha
                && stored?[field.Key] is JsonObject before && Sha(before) == sha)
            {
                rest = ReferenceEquals(rest, proposed) ? (JsonObject)proposed.DeepClone() : rest;
                rest.Remove(field.Key);
                kept[field.Key] = before.DeepClone();
            }
        }
        return (rest, kept);
    }

    /// <summary>
    /// Adds the bytes (<c>data</c>, base64) to each file reference of the documents, for a plugin working on one user
    /// or group (a push, a validation, an action). Lists of users get references only.
    /// </summary>
    public static async Task AttachContentAsync(HostDbContext db, IReadOnlyList<JsonObject> documents, CancellationToken cancellationToken)
    {
        var references = documents.SelectMany(d => d.Select(p => p.Value).OfType<JsonObject>())
            .Where(o => !o.ContainsKey(DataKey) && Sha(o) is not null)
            .ToList();
        if (references.Count == 0)
        {
            return;
        }
        var wanted = references.Select(r => Sha(r)!).Distinct().ToList();
        var contents = await db.StoredFiles.AsNoTracking().Where(f => wanted.Contains(f.Sha256))
            .ToDictionaryAsync(f => f.Sha256, f => f.Content, cancellationToken);
        foreach (var reference in references)
        {
            if (contents.TryGetValue(Sha(reference)!, out var bytes))
            {
                reference[DataKey] = Convert.ToBase64String(bytes);
            }
        }
    }

    private static string? Sha(JsonObject file) =>
        file[Sha256Key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: 64 } sha ? sha : null;
}
