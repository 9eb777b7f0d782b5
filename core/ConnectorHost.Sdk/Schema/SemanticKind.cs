namespace ConnectorHost.Sdk.Schema;

/// <summary>The meaning of a field's value beyond its type.</summary>
public enum SemanticKind
{
    /// <summary>An internal extension number of a phone system.</summary>
    Extension,
    /// <summary>A phone number (E.164 once normalized).</summary>
    PhoneNumber,
}
