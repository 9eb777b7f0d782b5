using System.Diagnostics;
using ConnectorHost.Core.Connectors;
using MediatR;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Core.Pipeline;

/// <summary>
/// Outermost: logs each request's name, outcome and duration (never its body, which may hold secrets). Commands log
/// at Information; successful queries at Debug, because at API read rates the console line cost as much as the read.
/// </summary>
internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.Log(request is IQuery<TResponse> ? LogLevel.Debug : LogLevel.Information,
                "{Request} handled in {Elapsed} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is ValidationFailedException or NotFoundException or ConflictException or VersionMismatchException or ConnectorActionFailedException)
        {
            logger.LogInformation("{Request} refused: {Reason}", name, ex.GetType().Name);
            throw;
        }
        catch (Exception ex) when (Sync.VendorFailures.IsExpected(ex))
        {
            // A vendor being down or refusing is part of the job: one line naming the connector and the call.
            logger.LogWarning("{Request} for {Connector}: {Error}", name, (request as IConnectorRequest)?.ConnectorId ?? "(all connectors)", Sync.VendorFailures.Describe(ex));
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Request} failed after {Elapsed} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
