using MediatR;

namespace ConnectorHost.Core.Pipeline;

/// <summary>Notifications raised by handlers, published only after the outermost transaction commits.</summary>
public sealed class PendingNotifications
{
    private readonly List<INotification> _items = [];

    public void Add(INotification notification) => _items.Add(notification);

    internal IReadOnlyList<INotification> Drain()
    {
        var items = _items.ToList();
        _items.Clear();
        return items;
    }

    internal void Clear() => _items.Clear();

    internal int Count => _items.Count;

    /// <summary>Forgets what was added after <paramref name="count"/> items (work rolled back to a savepoint).</summary>
    internal void TruncateTo(int count) => _items.RemoveRange(count, _items.Count - count);
}
