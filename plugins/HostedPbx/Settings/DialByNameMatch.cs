namespace HostedPbx.Settings;

/// <summary>Which name the dial-by-name directory matches the keypad digits against.</summary>
internal enum DialByNameMatch
{
    LastName,
    FirstName,
}
