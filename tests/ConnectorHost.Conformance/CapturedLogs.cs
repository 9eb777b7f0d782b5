using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Conformance;

/// <summary>Keeps every log line a plugin writes (message and exception chain), so the kit can look for secrets in them.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Text)> _lines = new();

    public IReadOnlyList<(string Category, string Text)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // Nothing held: the lines stay readable after the logger factory is gone.
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                // Structured values are kept too: a sink may write them even when the message template does not.
                text += " " + string.Join(" ", values.Select(v => v.Value?.ToString()));
            }
            owner._lines.Enqueue((category, exception is null ? text : text + " " + ConnectorConformance.MessagesOf(exception)));
        }
    }
}
