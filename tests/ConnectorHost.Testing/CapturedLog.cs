using Microsoft.Extensions.Logging;

namespace ConnectorHost.Testing;

/// <summary>One log line as a test sees it: level, category, formatted message, exception and structured values.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception, IReadOnlyList<object?> Values)
{
    /// <summary>
    /// Everything a log sink could write for this line: the message, the structured values (a sink may write them even
    /// when the template does not) and each exception's type and message down the inner chain.
    /// </summary>
    public string Text
    {
        get
        {
            var parts = new List<string> { $"{Level} {Category}: {Message}" };
            parts.AddRange(Values.Select(v => v?.ToString() ?? ""));
            for (var e = Exception; e is not null; e = e.InnerException)
            {
                parts.Add($"{e.GetType().Name}: {e.Message}");
            }
            return string.Join(" ", parts);
        }
    }
}
