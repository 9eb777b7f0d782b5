using System.Text.Json.Nodes;

namespace ConnectorHost.Conformance;

/// <summary>
/// What the conformance kit needs to know about a connector: its id, how to start its fake vendor, the connector settings
/// that point it at an address, and one user the vendor would accept.
/// </summary>
/// <param name="ConnectorId">The id the connector has in plugins.json; its manifest must carry the same id.</param>
/// <param name="StartVendorAsync">Starts the connector's fake vendor (seeded with whatever the sample user needs).</param>
/// <param name="ConnectorSettings">
/// The connector's settings as plugins.json would hold them, pointing its vendor address at the given base address
/// (the kit's fault-injecting proxy in front of the fake vendor).
/// </param>
/// <param name="User">A user whose settings the connector accepts and the vendor stores.</param>
public sealed record ConformanceSubject(
    string ConnectorId,
    Func<Task<ConformanceVendor>> StartVendorAsync,
    Func<Uri, JsonObject> ConnectorSettings,
    ConformanceUser User)
{
    /// <summary>
    /// The vendor timeout <see cref="ConnectorSettings"/> sets (keep it short, e.g. 1 s): the kit holds an answer
    /// longer than that and expects <c>VendorUnavailableException</c>. Null skips the timeout check (say why in
    /// <see cref="TimeoutNotConfigurable"/>).
    /// </summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Why the connector's timeout cannot be made short for the check, reported when <see cref="RequestTimeout"/> is null.</summary>
    public string TimeoutNotConfigurable { get; init; } = "the subject sets no RequestTimeout";

    /// <summary>
    /// True when a second user with the same settings as <see cref="User"/> clashes (e.g. the same extension or login):
    /// the connector must refuse it with <c>IsConflict</c>, so the API answers 409.
    /// </summary>
    public bool SameSettingsConflict { get; init; }

    /// <summary>User settings the connector must refuse (each for a user of its own); every error must name a schema field.</summary>
    public IReadOnlyList<JsonObject> RefusedUserSettings { get; init; } = [];

    /// <summary>Secret values besides the connector's and the user's Secret fields (e.g. a token the fake vendor issues).</summary>
    public IReadOnlyList<string> ExtraSecrets { get; init; } = [];
}
