using System.Collections.Concurrent;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Sync;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Core.FieldOptions;

/// <summary>
/// Options of fields marked <see cref="FieldSchema.OptionsFromConnector"/>, per connector and field key, kept in
/// memory for the field's refresh interval. A refresh asks the connector, so callers run it outside any database
/// transaction (see <see cref="Pipeline.FieldOptionsBehaviour{TRequest, TResponse}"/>); when the vendor is down the
/// last good list stays in use and is reported as stale.
/// </summary>
public sealed class FieldOptionsCache(TimeProvider time, CoreOptions options, ILogger<FieldOptionsCache> logger)
{
    private sealed record Entry(IReadOnlyList<AllowedValue>? Items, DateTimeOffset FetchedAt, DateTimeOffset? FailedAt, string? Failure, bool Invalidated = false);

    private readonly ConcurrentDictionary<(string Connector, string Field), Entry> _entries = new();
    private readonly ConcurrentDictionary<(string Connector, string Field), SemaphoreSlim> _refreshing = new();

    /// <summary>
    /// The current list, refreshed first when it is due. Null when no list was ever fetched and the connector cannot
    /// answer now; <paramref name="failure"/> then says why (secret-free).
    /// </summary>
    public async Task<(CachedOptionList? List, string? Failure)> GetAsync(IConnectorDispatcher dispatcher, string connectorId, FieldSchema field, CancellationToken cancellationToken)
    {
        var key = (connectorId, field.Key);
        if (!IsDue(field, _entries.GetValueOrDefault(key)))
        {
            return Read(field, _entries.GetValueOrDefault(key));
        }
        var gate = _refreshing.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var entry = _entries.GetValueOrDefault(key);
            if (IsDue(field, entry))
            {
                try
                {
                    var answer = await dispatcher.SendAsync(connectorId, new ListFieldOptions(field.Key), cancellationToken);
                    entry = new Entry(answer.Items, time.GetUtcNow(), null, null);
                }
                catch (Exception ex) when (VendorFailures.IsExpected(ex) || ex is HttpRequestException)
                {
                    var failure = VendorFailures.Describe(ex is HttpRequestException ? new VendorUnavailableException(ex.Message) : ex);
                    logger.LogWarning("Options of {Connector} field {Field} not refreshed: {Error}", connectorId, field.Key, failure);
                    entry = (entry ?? new Entry(null, DateTimeOffset.MinValue, null, null)) with { FailedAt = time.GetUtcNow(), Failure = failure };
                }
                _entries[key] = entry;
            }
            return Read(field, entry);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Marks every list of the connector due, so the next request that checks settings asks again (after an action,
    /// which may have changed what the connector offers, e.g. a new CTI group). The lists stay usable meanwhile.
    /// </summary>
    public void Invalidate(string connectorId)
    {
        foreach (var key in _entries.Keys.Where(k => k.Connector == connectorId))
        {
            _entries.AddOrUpdate(key, _ => new Entry(null, DateTimeOffset.MinValue, null, null), (_, e) => e with { Invalidated = true, FailedAt = null });
        }
    }

    /// <summary>The lists held now for these fields (any age), by field key, without asking the connector.</summary>
    public IReadOnlyDictionary<string, CachedOptionList> Current(string connectorId, IEnumerable<FieldSchema> fields)
    {
        var lists = new Dictionary<string, CachedOptionList>(StringComparer.Ordinal);
        foreach (var field in fields.Where(f => f.OptionsFromConnector))
        {
            if (Read(field, _entries.GetValueOrDefault((connectorId, field.Key))).List is { } list)
            {
                lists[field.Key] = list;
            }
        }
        return lists;
    }

    private bool IsDue(FieldSchema field, Entry? entry)
    {
        var now = time.GetUtcNow();
        if (entry?.FailedAt is { } failed && now - failed < options.FieldOptionsRetryAfterFailure)
        {
            return false;
        }
        return entry?.Items is null || entry.Invalidated || now - entry.FetchedAt >= Interval(field);
    }

    private (CachedOptionList? List, string? Failure) Read(FieldSchema field, Entry? entry) =>
        entry?.Items is { } items
            ? (new CachedOptionList(items, entry.FetchedAt, time.GetUtcNow() - entry.FetchedAt >= Interval(field) && entry.FailedAt is not null), entry.Failure)
            : (null, entry?.Failure ?? "no list has been fetched yet");

    private TimeSpan Interval(FieldSchema field) =>
        field.OptionsRefreshSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.FieldOptionsRefresh;
}
