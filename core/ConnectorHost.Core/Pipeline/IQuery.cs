using MediatR;

namespace ConnectorHost.Core.Pipeline;

/// <summary>A request that only reads: it runs without a transaction and changes nothing (see <see cref="ICommand{TResponse}"/>).</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
