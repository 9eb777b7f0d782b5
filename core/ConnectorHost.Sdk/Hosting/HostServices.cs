using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;

namespace ConnectorHost.Sdk.Hosting;

/// <summary>
/// Read access to the core model, provided by the host to every plugin. Settings returned are this
/// connector's only; a plugin never sees another connector's settings.
/// </summary>
public interface IDirectoryReader
{
    /// <summary>One user with this connector's settings, groups and roles; null when the id is unknown.</summary>
    Task<UserContext?> GetUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>One group with this connector's settings and its direct members; null when unknown.</summary>
    Task<GroupContext?> GetGroupAsync(Guid groupId, CancellationToken cancellationToken);

    /// <summary>All users that have a settings document for this connector, with that document.</summary>
    Task<IReadOnlyList<UserContext>> ListUsersWithSettingsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The users of this connector whose settings document has the top-level <paramref name="field"/> equal to
    /// <paramref name="value"/> (see <see cref="SettingLookup.Matches"/>: strings as text, integers by their decimal
    /// text; secret fields, files, lists, objects, booleans and null never match), ordered like
    /// <see cref="ListUsersWithSettingsAsync"/>. For uniqueness and "does it exist" checks: the host answers from an
    /// index, so a check per row keeps a bulk import linear, and it sees what the current transaction wrote before
    /// (an import's earlier rows). Since SDK 2.3.0; a directory written for 2.2 (a partner's test fake) that does not
    /// implement it answers by filtering <see cref="ListUsersWithSettingsAsync"/> with the same rule.
    /// </summary>
    async Task<IReadOnlyList<UserContext>> FindUsersBySettingAsync(string field, string value, SettingMatch match, CancellationToken cancellationToken) =>
        [.. (await ListUsersWithSettingsAsync(cancellationToken)).Where(u => SettingLookup.Matches(u.Settings, field, value, match))];

    /// <summary>
    /// Every value of the top-level <paramref name="field"/> in this connector's user settings, with the user holding it
    /// (as <see cref="SettingLookup.TextOf"/> reads it: strings, and integers as decimal text; users without a value are
    /// not listed), in no particular order. For rules that need every value in use, such as the first free number
    /// of a range, a free login to suggest or "does anybody's list overlap this one": the host answers from its index
    /// without loading a settings document, so a bulk import stays linear. Since SDK 2.4.0; a directory written for an
    /// older SDK answers from <see cref="ListUsersWithSettingsAsync"/> with the same rule.
    /// </summary>
    async Task<IReadOnlyList<SettingValue>> ListSettingValuesAsync(string field, CancellationToken cancellationToken) =>
        [.. (await ListUsersWithSettingsAsync(cancellationToken))
            .Select(u => (u.User.Id, Text: SettingLookup.TextOf(u.Settings, field)))
            .Where(v => v.Text is not null)
            .Select(v => new SettingValue(v.Id, v.Text!))];

    /// <summary>
    /// The user of this connector (one with a settings document for it, as <see cref="ListUsersWithSettingsAsync"/> lists)
    /// whose core username is <paramref name="username"/>, compared as the core compares usernames
    /// (<see cref="UsernameKey.Normalize"/>: trimmed, Unicode-normalized, case-insensitive); null when there is none or
    /// the text is not well-formed Unicode. For vendors whose login falls back to the core username. Since SDK 2.3.0; a
    /// directory that does not implement it answers from <see cref="ListUsersWithSettingsAsync"/> with the same rule.
    /// </summary>
    async Task<UserContext?> FindUserByUsernameAsync(string username, CancellationToken cancellationToken) =>
        UsernameKey.NormalizeOrNull(username) is { } wanted
            ? (await ListUsersWithSettingsAsync(cancellationToken)).FirstOrDefault(u => UsernameKey.Normalize(u.User.Username) == wanted)
            : null;
}

/// <summary>
/// A small document store owned by one connector, for vendor entities that have no place in the core
/// model (e.g. STARFACE CTI groups). Writes join the current request's transaction.
/// </summary>
public interface IConnectorStore
{
    /// <summary>All documents in a collection, ordered by key.</summary>
    Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, CancellationToken cancellationToken);

    /// <summary>One document, or null.</summary>
    Task<StoredDocument?> GetAsync(string collection, string key, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a document. <paramref name="expectedVersion"/> guards against lost updates (null: no check).</summary>
    /// <exception cref="ConnectorStoreConflictException">The stored version differs from <paramref name="expectedVersion"/>.</exception>
    Task<StoredDocument> PutAsync(string collection, string key, JsonObject document, int? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes a document; returns false when it did not exist.</summary>
    Task<bool> DeleteAsync(string collection, string key, CancellationToken cancellationToken);
}

/// <summary>A stored connector document.</summary>
/// <param name="Key">Key within the collection.</param>
/// <param name="Document">The JSON document.</param>
/// <param name="Version">Version, incremented on every write.</param>
public sealed record StoredDocument(string Key, JsonObject Document, int Version);

/// <summary>A connector document was changed by someone else since it was read.</summary>
public sealed class ConnectorStoreConflictException(string message) : Exception(message);

/// <summary>
/// Lets a connector change the core model on an admin's behalf (e.g. a vendor's CSV import, or clearing a
/// vendor group that is being deleted). Every change runs the same use case as the API, so it is validated and
/// audited like an API change, and joins the current request's transaction: when the action returns a
/// <see cref="Requests.ProblemActionResult"/> or throws, nothing written through this interface is kept. Each call
/// is all-or-nothing on its own: a call that throws leaves nothing behind, so an import can skip a refused row and
/// carry on. Settings written here are this connector's only.
/// </summary>
public interface IDirectoryWriter
{
    /// <summary>Creates a core user with this connector's settings (both or neither); returns the new id.</summary>
    /// <exception cref="DirectoryWriteException">A field is invalid or the username is taken.</exception>
    Task<Guid> CreateUserAsync(UserDraft user, JsonObject settings, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the core fields of a user with the draft's (names, e-mail, phones, extension, language, time zone,
    /// attributes); a different username renames the user and a different <see cref="UserDraft.Enabled"/> disables
    /// or enables it, in the same unit.
    /// </summary>
    /// <exception cref="DirectoryWriteException">The id is unknown, a field is invalid or the new username is taken.</exception>
    Task UpdateUserAsync(Guid userId, UserDraft user, CancellationToken cancellationToken);

    /// <summary>Deletes a core user (and all of its settings and memberships); false when the id is unknown.</summary>
    Task<bool> DeleteUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Replaces this connector's settings document of a user (schema and this connector's rules apply).</summary>
    /// <exception cref="DirectoryWriteException">The document breaks the schema.</exception>
    Task PutUserSettingsAsync(Guid userId, JsonObject settings, CancellationToken cancellationToken);

    /// <summary>Replaces this connector's settings document of a group (schema and this connector's rules apply).</summary>
    /// <exception cref="DirectoryWriteException">The id is unknown or the document breaks the schema.</exception>
    Task PutGroupSettingsAsync(Guid groupId, JsonObject settings, CancellationToken cancellationToken);

    /// <summary>Replaces this connector's settings document of a role (schema rules apply).</summary>
    /// <exception cref="DirectoryWriteException">The id is unknown or the document breaks the schema.</exception>
    Task PutRoleSettingsAsync(Guid roleId, JsonObject settings, CancellationToken cancellationToken);

    /// <summary>Adds a user to a group (<paramref name="member"/> true, idempotent) or removes it (false; no error when it was not a member).</summary>
    /// <exception cref="DirectoryWriteException">The user or group is unknown.</exception>
    Task SetGroupMembershipAsync(Guid userId, Guid groupId, bool member, CancellationToken cancellationToken);

    /// <summary>Gives a role to a user (<paramref name="assigned"/> true, idempotent) or takes it away (false; no error when it was not held directly).</summary>
    /// <exception cref="DirectoryWriteException">The user or role is unknown.</exception>
    Task SetUserRoleAsync(Guid userId, Guid roleId, bool assigned, CancellationToken cancellationToken);

    /// <summary>Gives a role to a group (true, idempotent) or takes it away (false; no error when the group did not have it).</summary>
    /// <exception cref="DirectoryWriteException">The group or role is unknown.</exception>
    Task SetGroupRoleAsync(Guid groupId, Guid roleId, bool assigned, CancellationToken cancellationToken);
}

/// <summary>The core fields of a user to create or update; the core validates and normalizes them like API input.</summary>
/// <param name="Username">Unique login name.</param>
/// <param name="FirstName">Given name.</param>
/// <param name="LastName">Family name.</param>
/// <param name="Email">E-mail address, if any.</param>
/// <param name="PhoneNumbers">Phone numbers (E.164 or national, normalized by the core).</param>
/// <param name="Extension">Internal extension, if any.</param>
public sealed record UserDraft(string Username, string FirstName, string LastName, string? Email, IReadOnlyList<string> PhoneNumbers, string? Extension)
{
    /// <summary>Name shown in lists; null: the core derives it from first and last name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>IETF language tag, e.g. <c>de-DE</c>.</summary>
    public string? Language { get; init; }

    /// <summary>IANA time zone id, e.g. <c>Europe/Berlin</c>.</summary>
    public string? TimeZone { get; init; }

    /// <summary>False creates (or turns) the user disabled.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Free key/value attributes; null keeps none on create and the stored ones on update.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

/// <summary>The core refused a change made through <see cref="IDirectoryWriter"/>; <see cref="Errors"/> name the fields.</summary>
public sealed class DirectoryWriteException(IReadOnlyList<Schema.FieldError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    /// <summary>The field errors.</summary>
    public IReadOnlyList<Schema.FieldError> Errors { get; } = errors;

    /// <summary>True when the username is already taken (an HTTP 409, not a 400).</summary>
    public bool IsConflict { get; init; }
}
