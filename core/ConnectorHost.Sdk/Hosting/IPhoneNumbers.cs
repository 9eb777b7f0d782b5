namespace ConnectorHost.Sdk.Hosting;

/// <summary>
/// Phone number rules, implemented once by the host (with libphonenumber) and handed to every plugin through
/// <see cref="ConnectorContext.PhoneNumbers"/> and its container, so core and connectors read numbers the same way
/// and the SDK itself stays free of package dependencies.
/// </summary>
public interface IPhoneNumbers
{
    /// <summary>True when <paramref name="region"/> is a two-letter region the rules know (e.g. DE, US), in any letter case.</summary>
    bool IsSupportedRegion(string region);

    /// <summary>
    /// Reads <paramref name="text"/> (E.164, international with 00, or national in <paramref name="defaultRegion"/>,
    /// with any spaces, dashes, slashes or an extension); null when it is no phone number at all.
    /// </summary>
    ParsedPhoneNumber? Parse(string? text, string defaultRegion);

    /// <summary>The E.164 form of a valid number (e.g. +493012345678), or null when it is not a valid number.</summary>
    string? ToE164(string? text, string defaultRegion) => Parse(text, defaultRegion) is { IsValid: true } number ? number.E164 : null;
}
