using PhoneNumbers;

namespace ConnectorHost.Core.Users;

/// <summary>Phone numbers are stored in E.164, read with the configured default region.</summary>
public static class PhoneNumberFormat
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool TryToE164(string? input, string defaultRegion, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }
        try
        {
            var parsed = Util.Parse(input, defaultRegion);
            if (!Util.IsValidNumber(parsed))
            {
                return false;
            }
            e164 = Util.Format(parsed, PhoneNumbers.PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
