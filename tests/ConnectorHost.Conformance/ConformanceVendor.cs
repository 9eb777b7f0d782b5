namespace ConnectorHost.Conformance;

/// <summary>A started fake vendor: its base address and what stops it.</summary>
/// <param name="BaseAddress">Where the fake vendor listens, e.g. http://127.0.0.1:41234/.</param>
/// <param name="Lifetime">Disposed when the run ends (the fake vendor itself, usually).</param>
public sealed record ConformanceVendor(Uri BaseAddress, IAsyncDisposable Lifetime);
