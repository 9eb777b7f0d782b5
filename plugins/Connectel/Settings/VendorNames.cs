namespace Connectel.Settings;

/// <summary>
/// The Connectel (xCALLY Motion) names that public sources do not confirm, as configured; the defaults are the
/// likeliest spelling (Sequelize-style <c>UserProfileId</c>, plain field names, REST paths below <c>/api/</c>).
/// </summary>
internal sealed record VendorNames(
    string ProfileId,
    string Password,
    string ChangePassword,
    string Disabled,
    string Locked,
    string LastPasswordReset,
    string Sso,
    string MessengerSound,
    string Description,
    string ProfilesPath,
    string ApiKeyPath,
    string AvatarPath);
