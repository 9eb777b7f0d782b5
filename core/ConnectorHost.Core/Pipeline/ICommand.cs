using MediatR;

namespace ConnectorHost.Core.Pipeline;

/// <summary>A request that changes state: it runs in one transaction and commits once, after the handler.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;
