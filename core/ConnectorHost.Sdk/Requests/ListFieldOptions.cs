using ConnectorHost.Sdk.Schema;
using MediatR;

namespace ConnectorHost.Sdk.Requests;

/// <summary>
/// Asks the connector for the current allowed values of a field marked <see cref="FieldSchema.OptionsFromConnector"/>
/// (vendor profiles, skill groups, a PBX's numbers, ...). The host calls it outside any database transaction and caches
/// the answer; a <see cref="Gateway.VendorUnavailableException"/> makes the host keep using the last good list.
/// </summary>
/// <param name="FieldKey">The field's key; a key used in both the user and the group schema gets one list.</param>
public sealed record ListFieldOptions(string FieldKey) : IRequest<FieldOptionList>;

/// <summary>The answer to <see cref="ListFieldOptions"/>.</summary>
/// <param name="Items">The allowed values with their labels, in display order.</param>
public sealed record FieldOptionList(IReadOnlyList<AllowedValue> Items);
