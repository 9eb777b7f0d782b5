namespace ConnectorHost.Sdk.Bulk;

/// <summary>Core user fields a file column can hold.</summary>
public enum CoreColumn
{
    /// <summary>The user's key (login name in the host); matches users on import.</summary>
    Username,
    /// <summary>Given name.</summary>
    FirstName,
    /// <summary>Family name.</summary>
    LastName,
    /// <summary>Display name.</summary>
    DisplayName,
    /// <summary>E-mail address.</summary>
    Email,
    /// <summary>Phone numbers (a list).</summary>
    PhoneNumbers,
    /// <summary>The core extension.</summary>
    Extension,
    /// <summary>Language tag.</summary>
    Language,
    /// <summary>IANA time zone.</summary>
    TimeZone,
    /// <summary>Enabled flag.</summary>
    Enabled,
    /// <summary>Group keys (a list).</summary>
    Groups,
    /// <summary>Role keys (a list).</summary>
    Roles,
}
