using ConnectorHost.Core.Domain;

namespace ConnectorHost.Core.Users;

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
            .Select(n => LibPhoneNumbers.Instance.ToE164(n, options.DefaultPhoneRegion) ?? n)
            .Distinct()
            .ToList();
        user.Extension = string.IsNullOrWhiteSpace(profile.Extension) ? null : profile.Extension.Trim();
        user.Language = string.IsNullOrWhiteSpace(profile.Language) ? null : profile.Language.Trim();
        user.TimeZone = string.IsNullOrWhiteSpace(profile.TimeZone) ? null : profile.TimeZone.Trim();
        user.Attributes = new Dictionary<string, string>(profile.Attributes ?? new Dictionary<string, string>());
    }
}
