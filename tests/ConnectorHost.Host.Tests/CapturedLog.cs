using Microsoft.Extensions.Logging;

namespace ConnectorHost.Host.Tests;

public sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception);
