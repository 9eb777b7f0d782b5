using System.Text.Json;
using ConnectorHost.Sdk.Requests;

namespace ConnectorHost.Sdk.Actions;

/// <summary>
/// An action whose checked input arrives as <typeparamref name="TInput"/>, a record whose properties are the input
/// fields in camelCase JSON (e.g. <c>record Input(string GroupId, bool Unassign = false)</c> for fields
/// <c>groupId</c> and <c>unassign</c>). Use <see cref="NoInput"/> for an action without input.
/// </summary>
public abstract class ConnectorAction<TInput> : IConnectorAction where TInput : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public abstract ActionDescriptor Descriptor { get; }

    /// <inheritdoc />
    public Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken) =>
        RunAsync(request, request.Input.Deserialize<TInput>(Json)
            ?? throw new InvalidOperationException($"Action '{Descriptor.Name}' got no input object."), cancellationToken);

    /// <summary>Runs the action with its typed input.</summary>
    protected abstract Task<ActionResult> RunAsync(InvokeAction request, TInput input, CancellationToken cancellationToken);
}
