using System.Globalization;
using ConnectorHost.Core.Domain;
using ConnectorHost.Sdk.Model;
using FluentValidation;
using PhoneNumbers;

namespace ConnectorHost.Core.Users;

public record UserDto(
    Guid Id,
    string Username,
    string FirstName,
    string LastName,
    string DisplayName,
    string? Email,
    IReadOnlyList<string> PhoneNumbers,
    string? Extension,
    string? Language,
    string? TimeZone,
    bool Enabled,
    IReadOnlyDictionary<string, string> Attributes,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    internal static UserDto From(User u) => new(u.Id, u.Username, u.FirstName, u.LastName, u.DisplayName, u.Email,
        u.PhoneNumbers, u.Extension, u.Language, u.TimeZone, u.Enabled, u.Attributes, u.Version, u.CreatedAt, u.UpdatedAt);
}

internal static class UserSnapshots
{
    public static UserSnapshot From(User u) => new(u.Id, u.Username, u.FirstName, u.LastName, u.DisplayName, u.Email,
        u.PhoneNumbers.ToList(), u.Extension, u.Language, u.TimeZone, u.Enabled, new Dictionary<string, string>(u.Attributes), u.Version);
}

/// <summary>The editable profile fields shared by create and update.</summary>
public interface IUserProfile
{
    string FirstName { get; }
    string LastName { get; }
    string? DisplayName { get; }
    string? Email { get; }
    IReadOnlyList<string>? PhoneNumbers { get; }
    string? Extension { get; }
    string? Language { get; }
    string? TimeZone { get; }
    IReadOnlyDictionary<string, string>? Attributes { get; }
}

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
            .Must(n => PhoneNumberFormat.TryToE164(n, options.DefaultPhoneRegion, out _))
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

internal static class UsernameRules
{
    public static IRuleBuilderOptions<T, string> ValidUsername<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(128)
            .Must(KeyRules.IsWellFormedUnicode).WithMessage("Username is not well-formed Unicode text.")
            .Matches(@"^[^\s/\\?#]+$").WithMessage("Username must not contain spaces, slashes, '?' or '#'.");
}

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

internal static class UserProfileMapping
{
    public static void Apply(this User user, IUserProfile profile, CoreOptions options)
    {
        user.FirstName = profile.FirstName.Trim();
        user.LastName = profile.LastName.Trim();
        user.DisplayName = string.IsNullOrWhiteSpace(profile.DisplayName)
            ? $"{user.FirstName} {user.LastName}".Trim() is { Length: > 0 } name ? name : user.Username
            : profile.DisplayName.Trim();
        user.Email = string.IsNullOrWhiteSpace(profile.Email) ? null : profile.Email.Trim();
        user.PhoneNumbers = (profile.PhoneNumbers ?? [])
            .Select(n => PhoneNumberFormat.TryToE164(n, options.DefaultPhoneRegion, out var e) ? e : n)
            .Distinct()
            .ToList();
        user.Extension = string.IsNullOrWhiteSpace(profile.Extension) ? null : profile.Extension.Trim();
        user.Language = string.IsNullOrWhiteSpace(profile.Language) ? null : profile.Language.Trim();
        user.TimeZone = string.IsNullOrWhiteSpace(profile.TimeZone) ? null : profile.TimeZone.Trim();
        user.Attributes = new Dictionary<string, string>(profile.Attributes ?? new Dictionary<string, string>());
    }
}
