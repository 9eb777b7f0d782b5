using ConnectorHost.Core;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Api;

/// <summary>Entity versions travel as strong ETags ("3"); If-Match carries the version a client edits.</summary>
internal static class ETags
{
    public static string Of(int version) => $"\"{version}\"";

    /// <summary>The version in If-Match, null when absent or "*"; a malformed value is a 400 naming the header.</summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }
        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        text = text.Trim('"');
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ValidationFailedException([new FieldError("If-Match", $"If-Match must be an ETag returned by this API, like \"3\"; got {header}.")]);
    }

    public static void Set(HttpContext context, int version) => context.Response.Headers.ETag = Of(version);
}
