using ConnectorHost.Sdk.Schema;

namespace Connectel.Profiles;

/// <summary>
/// What a Connectel user profile can grant, as the "Create Supervisor/User" page lists it. User management, user
/// profiles and the software update are the Admin role's: a profile (held only by role User) never grants them.
/// </summary>
internal static class ProfilePermissions
{
    public static readonly IReadOnlyList<(string Key, LocalizedText Label, bool AdminOnly)> All =
    [
        ("userProfiles", new LocalizedText("User profiles").With("de", "Benutzerprofile"), true),
        ("users", new LocalizedText("Users").With("de", "Benutzer"), true),
        ("agents", new LocalizedText("Agents").With("de", "Agenten"), false),
        ("telephones", new LocalizedText("Telephones").With("de", "Telefone"), false),
        ("ivrProjects", new LocalizedText("IVR projects").With("de", "IVR-Projekte"), false),
        ("contactManagerLists", new LocalizedText("Contact Manager lists").With("de", "Contact-Manager-Listen"), false),
        ("dialerCampaigns", new LocalizedText("Dialer campaigns").With("de", "Dialer-Kampagnen"), false),
        ("queues", new LocalizedText("Queues").With("de", "Warteschlangen"), false),
        ("accounts", new LocalizedText("Accounts").With("de", "Konten"), false),
        ("reports", new LocalizedText("Reports").With("de", "Berichte"), false),
        ("softwareUpdate", new LocalizedText("Software update").With("de", "Software-Update"), true),
    ];

    public static IReadOnlyList<AllowedValue> AllowedValues { get; } = [.. All.Select(p => new AllowedValue(p.Key, p.Label))];

    public static IEnumerable<string> AdminOnly(IEnumerable<string> permissions) =>
        permissions.Where(p => All.Any(a => a.AdminOnly && a.Key == p));
}
