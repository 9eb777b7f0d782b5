namespace ConnectorHost.Core.Secrets;

/// <summary>
/// What the API shows of a secret field instead of its value: when it was set and whether the host still holds it
/// (false once a write-only secret was pushed to the vendor and erased here).
/// </summary>
public sealed record SecretStatus(DateTime? SetAt, bool Stored);
