using ConnectorHost.Sdk.Hosting;
using Starface.Cti.Settings;

namespace Starface.Cti.ScreenPop;

/// <summary>
/// A phone number in comparable form. <see cref="Full"/> is E.164 with any extension digits appended (what a
/// direct-dial call shows); <see cref="Base"/> is the number without the extension (the switchboard);
/// <see cref="National"/> is the national significant number (no country code, no trunk prefix, no extension).
/// </summary>
internal sealed record NormalizedNumber(string Full, string Base, string National)
{
    public bool HasExtension => Full != Base;

    /// <summary>The length of "+" and the country code at the start of <see cref="Full"/>.</summary>
    public int CountryPrefixLength => Base.Length - National.Length;
}

/// <summary>
/// Puts numbers into comparable form with the host's phone number rules, so that +49 30 1234567, 0049 30 1234567,
/// 030 1234567 and 030/123 45-67 all compare equal; national numbers use the connector's default region.
/// </summary>
internal sealed class PhoneNumberNormalizer(IPhoneNumbers phoneNumbers, StarfaceCtiOptions options)
{
    public NormalizedNumber? Normalize(string? raw) =>
        // Not only valid numbers: a screen pop still matches what Business Central stored, even if unassigned.
        phoneNumbers.Parse(raw, options.DefaultRegion) is { } number
            ? new NormalizedNumber(number.E164 + number.Extension, number.E164, number.NationalNumber)
            : null;
}
