namespace ConnectorHost.Sdk.Hosting;

/// <summary>How <see cref="IDirectoryReader.FindUsersBySettingAsync"/> compares a stored string with the value asked for.</summary>
public enum SettingMatch
{
    /// <summary>Character for character (ordinal).</summary>
    Exact,

    /// <summary>
    /// ASCII letters without case (A matches a); every other character exactly. The same rule as SQLite's NOCASE,
    /// so the host answers it from its index; vendors whose logins are ASCII (most) get case-insensitive uniqueness.
    /// </summary>
    IgnoreAsciiCase,
}
