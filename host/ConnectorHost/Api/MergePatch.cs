using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ConnectorHost.Api;

/// <summary>
/// PATCH with a JSON merge patch (RFC 7396): the patch is applied to the current representation, and the
/// result goes through the same request as a PUT, so a PATCH is validated exactly like a replace.
/// </summary>
internal static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    /// <summary>The patch document; another content type is a 415 (ProblemMapping adds Accept-Patch).</summary>
    private static async Task<JsonNode?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException($"PATCH takes a JSON merge patch ({MediaType}, RFC 7396); the request has {request.ContentType ?? "no content type"}.",
                StatusCodes.Status415UnsupportedMediaType);
        }
        return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
    }

    /// <summary>RFC 7396 §2: members of an object patch merge recursively, null removes, anything else replaces.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target as JsonObject is { } t ? t.DeepClone().AsObject() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }
        return result;
    }

    /// <summary>
    /// Reads the request's patch, applies it to <paramref name="current"/> (the GET representation) and returns
    /// the result as the PUT body. Without If-Match the condition is the version the patch was applied to, so a
    /// change in between is a 412 instead of a lost update.
    /// </summary>
    public static async Task<(TBody Body, VersionCondition Condition)> ReadAsync<TBody>(HttpContext http, object current, int currentVersion, CancellationToken cancellationToken)
    {
        var patch = await ReadAsync(http.Request, cancellationToken);
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var patched = Apply(JsonSerializer.SerializeToNode(current, current.GetType(), options), patch);
        var body = patched.Deserialize<TBody>(options) ?? throw new JsonException("The patched document is null.", "$", null, null);
        return (body, ETags.IfMatch(http.Request) ?? currentVersion);
    }
}
