using PhoneNumbers;

namespace HostedPbx;

/// <summary>Phone number checks with libphonenumber, so national formats are accepted and stored as E.164.</summary>
internal static class E164Numbers
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>True when <paramref name="region"/> is a two-letter region libphonenumber knows (e.g. DE, US).</summary>
    public static bool IsSupportedRegion(string region) =>
        Phones.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>Parses <paramref name="text"/> (E.164 or national format of <paramref name="region"/>) into E.164.</summary>
    public static bool TryNormalize(string text, string region, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        try
        {
            var number = Phones.Parse(text.Trim(), region.ToUpperInvariant());
            if (!Phones.IsValidNumber(number))
            {
                return false;
            }
            e164 = Phones.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
