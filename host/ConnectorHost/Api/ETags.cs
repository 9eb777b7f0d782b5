using ConnectorHost.Core;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Api;

/// <summary>Entity versions travel as strong ETags ("3"); If-Match carries the version a client edits.</summary>
internal static class ETags
{
    public static string Of(int version) => $"\"{version}\"";

    /// <summary>
    /// The version in If-Match, null when absent or "*". A weak tag (W/"3") never matches, since RFC 9110
    /// compares If-Match strongly; of a list, the first strong tag counts. A malformed value is a 400 naming the header.
    /// </summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }
        var versions = new List<int>();
        foreach (var tag in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (tag.StartsWith("W/", StringComparison.Ordinal))
            {
                continue;
            }
            if (tag.Length < 3 || tag[0] != '"' || tag[^1] != '"'
                || !int.TryParse(tag[1..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                throw new ValidationFailedException([new FieldError("If-Match", $"If-Match must be an ETag returned by this API, like \"3\"; got {header}.")]);
            }
            versions.Add(version);
        }
        // -1 is never a stored version: only weak tags means "no match" (412).
        return versions.Count == 0 ? -1 : versions[0];
    }

    public static void Set(HttpContext context, int version) => context.Response.Headers.ETag = Of(version);
}
