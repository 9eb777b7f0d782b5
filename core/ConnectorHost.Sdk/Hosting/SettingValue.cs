namespace ConnectorHost.Sdk.Hosting;

/// <summary>One user's value of one settings field, as <see cref="IDirectoryReader.ListSettingValuesAsync"/> lists it.</summary>
/// <param name="UserId">The core user holding the value.</param>
/// <param name="Value">The value as <see cref="SettingLookup.TextOf"/> reads it.</param>
public sealed record SettingValue(Guid UserId, string Value);
