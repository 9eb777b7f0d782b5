using ConnectorHost.Sdk.Hosting;
using PhoneNumbers;

namespace ConnectorHost.Core.Users;

/// <summary>
/// The one place phone numbers are read (libphonenumber): the core's profile rules use it, and the host hands it
/// to every plugin as <see cref="IPhoneNumbers"/>, so a number a connector accepts is one the core accepts too.
/// </summary>
public sealed class LibPhoneNumbers : IPhoneNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private LibPhoneNumbers()
    {
    }

    /// <summary>The single instance (libphonenumber's metadata is loaded once per process).</summary>
    public static LibPhoneNumbers Instance { get; } = new();

    public bool IsSupportedRegion(string region) => Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    public ParsedPhoneNumber? Parse(string? text, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.Any(char.IsAsciiDigit))
        {
            return null;
        }
        try
        {
            var number = Util.Parse(text.Trim(), defaultRegion.ToUpperInvariant());
            var national = Util.GetNationalSignificantNumber(number);
            var extension = new string((number.Extension ?? "").Where(char.IsAsciiDigit).ToArray());
            return new ParsedPhoneNumber($"+{number.CountryCode}{national}", number.CountryCode, national,
                extension.Length == 0 ? null : extension, Util.IsValidNumber(number));
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    public string? ToE164(string? text, string defaultRegion) =>
        Parse(text, defaultRegion) is { IsValid: true } number ? number.E164 : null;
}
