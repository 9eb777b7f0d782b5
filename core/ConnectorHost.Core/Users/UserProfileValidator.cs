using System.Globalization;
using FluentValidation;

namespace ConnectorHost.Core.Users;

/// <summary>Rules for the profile fields; each error names its JSON field.</summary>
internal sealed class UserProfileValidator : AbstractValidator<IUserProfile>
{
    public UserProfileValidator(CoreOptions options)
    {
        RuleFor(x => x.FirstName).NotNull().MaximumLength(100);
        RuleFor(x => x.LastName).NotNull().MaximumLength(100);
        RuleFor(x => x.DisplayName).MaximumLength(200);
        RuleFor(x => x.Email!).EmailAddress().MaximumLength(254).When(x => !string.IsNullOrWhiteSpace(x.Email));
        RuleForEach(x => x.PhoneNumbers!)
            .Must(n => LibPhoneNumbers.Instance.ToE164(n, options.DefaultPhoneRegion) is not null)
            .WithMessage((_, n) => $"'{n}' is not a valid phone number (use E.164 like +4930123456, or a {options.DefaultPhoneRegion} national number).")
            .When(x => x.PhoneNumbers is not null);
        RuleFor(x => x.Extension!).Matches("^[0-9]{1,10}$").WithMessage("Extension must be 1 to 10 digits.").When(x => !string.IsNullOrEmpty(x.Extension));
        RuleFor(x => x.Language!).Must(BeCulture).WithMessage(x => $"'{x.Language}' is not a known language tag (e.g. de-DE).").When(x => !string.IsNullOrEmpty(x.Language));
        RuleFor(x => x.TimeZone!).Must(BeIanaZone).WithMessage(x => $"'{x.TimeZone}' is not an IANA time zone (e.g. Europe/Berlin).").When(x => !string.IsNullOrEmpty(x.TimeZone));
        RuleForEach(x => x.Attributes!).Must(kv => kv.Key.Length is > 0 and <= 100 && kv.Value.Length <= 2000)
            .WithMessage("Attribute keys must be 1 to 100 characters and values at most 2000.").When(x => x.Attributes is not null);
    }

    private static bool BeCulture(string tag)
    {
        try
        {
            return CultureInfo.GetCultureInfo(tag, predefinedOnly: true).Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static bool BeIanaZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) && (id == "UTC" || id.Contains('/', StringComparison.Ordinal));
}
