using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Testing;

/// <summary>
/// Keeps every log line written at or above <paramref name="minimum"/>, for assertions on what operators see and for
/// secrets that must never reach a log. One provider for host tests and the conformance kit.
/// </summary>
public sealed class CapturedLogs(LogLevel minimum = LogLevel.Trace) : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>Adds a capture to a running host's logger factory (test hosts clear the providers they start with).</summary>
    public static CapturedLogs AttachTo(IServiceProvider services, LogLevel minimum = LogLevel.Trace)
    {
        var capture = new CapturedLogs(minimum);
        services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        return capture;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // Nothing held: the lines stay readable after the logger factory is gone.
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Select(p => p.Value).ToList() : [];
                owner._entries.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), exception, values));
            }
        }
    }

    private readonly LogLevel _minimum = minimum;
}
