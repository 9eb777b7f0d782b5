using PhoneNumbers;
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
/// Normalizes numbers with libphonenumber so that +49 30 1234567, 0049 30 1234567, 030 1234567 and
/// 030/123 45-67 all compare equal; national numbers use the connector's default region.
/// </summary>
internal sealed class PhoneNumberNormalizer(StarfaceCtiOptions options)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public NormalizedNumber? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || !raw.Any(char.IsAsciiDigit))
        {
            return null;
        }
        PhoneNumber number;
        try
        {
            number = Util.Parse(raw.Trim(), options.DefaultRegion);
        }
        catch (NumberParseException)
        {
            return null;
        }
        var extension = new string((number.Extension ?? "").Where(char.IsAsciiDigit).ToArray());
        // E.164 of the number alone; Format(E164) would drop the extension anyway, this keeps it explicit.
        var national = Util.GetNationalSignificantNumber(number);
        var baseNumber = $"+{number.CountryCode}{national}";
        return new NormalizedNumber(baseNumber + extension, baseNumber, national);
    }
}
