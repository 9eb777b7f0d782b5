namespace ConnectorHost.Sdk.Schema;

/// <summary>Core user fields a connector can declare it needs (see <see cref="ConnectorSchema.RequiredCoreFields"/>).</summary>
public enum CoreUserField
{
    /// <summary>The user's e-mail address.</summary>
    Email,
    /// <summary>Given name.</summary>
    FirstName,
    /// <summary>Family name.</summary>
    LastName,
    /// <summary>At least one phone number.</summary>
    PhoneNumbers,
    /// <summary>The core extension.</summary>
    Extension,
    /// <summary>Language tag.</summary>
    Language,
    /// <summary>IANA time zone.</summary>
    TimeZone,
}
