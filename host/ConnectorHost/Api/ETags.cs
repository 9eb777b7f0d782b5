using ConnectorHost.Core;
using Microsoft.Net.Http.Headers;

namespace ConnectorHost.Api;

/// <summary>Entity versions travel as strong ETags ("3"); If-Match carries the version(s) a client edits.</summary>
internal static class ETags
{
    public static string Of(int version) => $"\"{version}\"";

    /// <summary>
    /// The condition in If-Match (RFC 9110 §13.1.1), null when the header is absent. "*" matches whatever is
    /// stored; otherwise any listed strong tag may match. Tags this host never issued (weak ones, other formats,
    /// an unparsable list) simply match nothing, so the request fails with 412 rather than 400.
    /// </summary>
    public static VersionCondition? IfMatch(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return null;
        }
        if (!EntityTagHeaderValue.TryParseList(values, out var tags))
        {
            return VersionCondition.OneOf([]);
        }
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return VersionCondition.AnyStored;
        }
        return VersionCondition.OneOf(tags
            .Where(t => !t.IsWeak)
            .Select(t => int.TryParse(t.Tag.AsSpan(1, t.Tag.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1)
            .Where(v => v >= 0));
    }

    public static void Set(HttpContext context, int version) => context.Response.Headers.ETag = Of(version);
}
