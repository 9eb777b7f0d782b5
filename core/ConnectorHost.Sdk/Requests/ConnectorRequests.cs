using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace ConnectorHost.Sdk.Requests;

// Every connector handles the same request types; the host sends each request inside the plugin's own
// scope, so a handler only ever sees requests meant for its connector.

/// <summary>Asks the connector for its manifest, schemas and actions. Every connector must handle it.</summary>
public sealed record DescribeConnector : IRequest<ConnectorDescription>;

/// <summary>The answer to <see cref="DescribeConnector"/>.</summary>
/// <param name="Manifest">Identity and capabilities.</param>
/// <param name="Schema">Connector, user and group settings schemas.</param>
/// <param name="Actions">Named actions the connector offers.</param>
public sealed record ConnectorDescription(
    ConnectorManifest Manifest,
    ConnectorSchema Schema,
    IReadOnlyList<ActionDescriptor> Actions)
{
    /// <summary>Vendor user file layouts the connector contributes to bulk import and export (SDK 2.1).</summary>
    public IReadOnlyList<Bulk.UserFileFormat> FileFormats { get; init; } = [];
}

/// <summary>Whether an action works on the connector as a whole or on one user or group.</summary>
public enum ActionTarget
{
    /// <summary>No target entity.</summary>
    Connector,
    /// <summary>Needs a user id.</summary>
    User,
    /// <summary>Needs a group id.</summary>
    Group,
}

/// <summary>Describes a named action, e.g. <c>qr-code</c> or <c>unlock</c>.</summary>
/// <param name="Name">Name used in the URL, lower-case with dashes.</param>
/// <param name="Label">Label shown to admins.</param>
/// <param name="Target">What the action needs.</param>
/// <param name="Description">What the action does.</param>
/// <param name="Mutating">True when the action changes state (sent as POST); false for a read (GET is allowed).</param>
public sealed record ActionDescriptor(string Name, LocalizedText Label, ActionTarget Target, string Description, bool Mutating = true)
{
    /// <summary>
    /// The action's input fields. The host checks every call against them with <see cref="SchemaValidator"/> before
    /// the action runs (unknown, missing and malformed fields answer 400 naming the field) and hands the action the
    /// normalized document (trimmed, defaults applied). Shown as <c>input</c> in <c>GET /api/connectors/{id}</c>.
    /// </summary>
    public IReadOnlyList<FieldSchema> Input { get; init; } = [];

    /// <summary>
    /// The action only calls the vendor (reset a password, unlock, regenerate an API key): the host runs it without
    /// holding the database's write transaction, so a slow vendor never blocks other writes. Such an action must not
    /// write through <see cref="Hosting.IDirectoryWriter"/> or <see cref="Hosting.IConnectorStore"/>.
    /// </summary>
    public bool VendorOnly { get; init; }

    /// <summary>
    /// The action may be called without signing in to the host, because it checks its caller itself (an app
    /// redeeming a one-time provisioning token). Every other action needs a signed-in admin or an API key. Use it
    /// only for <see cref="ActionTarget.Connector"/> actions whose input carries such a one-time secret.
    /// </summary>
    public bool Anonymous { get; init; }
}

/// <summary>The result of validating a settings document; empty <see cref="Errors"/> means valid.</summary>
/// <param name="Errors">Vendor-rule errors, each naming its field.</param>
/// <param name="Settings">The document to store (the connector may normalize values), or null to store it as sent.</param>
public sealed record SettingsValidation(IReadOnlyList<FieldError> Errors, JsonObject? Settings = null)
{
    /// <summary>No errors, document stored as sent.</summary>
    public static SettingsValidation Valid { get; } = new([]);

    /// <summary>
    /// A refusal whose <see cref="IsConflict"/> follows from the error codes: a clash (409) when every error is
    /// <see cref="FieldErrorCodes.Conflict"/>, a bad value (400) as soon as one is not. Since SDK 2.4.0.
    /// </summary>
    public static SettingsValidation Refused(IReadOnlyList<FieldError> errors, JsonObject? settings = null) =>
        new(errors, settings) { IsConflict = errors.Count > 0 && errors.All(e => e.Code == FieldErrorCodes.Conflict) };

    /// <summary>
    /// True when the errors are a clash with other data (e.g. an extension another user already has) rather
    /// than a malformed value; the host answers 409 instead of 400.
    /// </summary>
    public bool IsConflict { get; init; }

    /// <summary>Things an admin should know that do not stop the change; returned with the stored settings.</summary>
    public IReadOnlyList<FieldWarning> Warnings { get; init; } = [];
}

/// <summary>
/// Checks a user's settings against the vendor's rules. The host has already applied the generic schema
/// rules; <see cref="UserContext.Settings"/> holds the proposed (normalized) document.
/// </summary>
/// <param name="User">The user with the proposed settings.</param>
/// <param name="Previous">The stored settings, or null when the user has none yet.</param>
public sealed record ValidateUserSettings(UserContext User, JsonObject? Previous) : IRequest<SettingsValidation>;

/// <summary>Checks a group's settings against the vendor's rules (generic schema rules already applied).</summary>
/// <param name="Group">The group with the proposed settings.</param>
/// <param name="Previous">The stored settings, or null.</param>
public sealed record ValidateGroupSettings(GroupContext Group, JsonObject? Previous) : IRequest<SettingsValidation>;

/// <summary>A vendor-side representation, e.g. the JSON body the vendor's API would receive.</summary>
/// <param name="Payload">The vendor representation.</param>
/// <param name="Warnings">Things an admin should know (e.g. a field the vendor will truncate).</param>
/// <param name="MatchKey">
/// The natural key the vendor knows this entity by (compared case-insensitively with <see cref="VendorUser.MatchKey"/>
/// during plan and reconcile, e.g. the login name or the extension). Null only when the entity has no such key yet
/// (e.g. no extension assigned): it then never matches a vendor record. The host matches on nothing else.
/// </param>
public sealed record Projection(JsonObject Payload, IReadOnlyList<string> Warnings, string? MatchKey);

/// <summary>Maps a user onto the vendor's representation (used for preview, plans and pushes).</summary>
/// <param name="User">The user with this connector's settings.</param>
public sealed record ProjectUser(UserContext User) : IRequest<Projection>;

/// <summary>Maps a group onto the vendor's representation.</summary>
/// <param name="Group">The group with this connector's settings.</param>
public sealed record ProjectGroup(GroupContext Group) : IRequest<Projection>;

/// <summary>Runs a named action.</summary>
/// <param name="Action">The action name from <see cref="ActionDescriptor.Name"/>.</param>
/// <param name="User">The target user, for <see cref="ActionTarget.User"/> actions.</param>
/// <param name="Group">The target group, for <see cref="ActionTarget.Group"/> actions.</param>
/// <param name="Input">The JSON body sent by the caller (empty object when none).</param>
public sealed record InvokeAction(string Action, UserContext? User, GroupContext? Group, JsonObject Input) : IRequest<ActionResult>
{
    /// <summary>The id the vendor gave the target user or group, as the sync engine recorded it; null before the first push.</summary>
    public string? VendorId { get; init; }
}

/// <summary>What an action returns: JSON, a file, or a problem with an HTTP status.</summary>
public abstract record ActionResult
{
    /// <summary>
    /// Values of the target user's (or group's) settings that the action changed at the vendor, e.g.
    /// <c>{"locked": false}</c> after an unlock: the host stores them like <see cref="PushResult.SettingsPatch"/>
    /// (the vendor is the authority; schema types apply; audited as the connector; no new push). Ignored on a
    /// problem. Never put a secret here. Since SDK 2.2.
    /// </summary>
    public JsonObject? SettingsPatch { get; init; }

    /// <summary>A JSON answer.</summary>
    public static ActionResult Json(JsonNode body) => new JsonActionResult(body);

    /// <summary>
    /// A JSON answer shown once (a new API key, a one-time password): returned to the caller with
    /// <c>Cache-Control: no-store</c>, never stored, logged or audited by the host.
    /// </summary>
    public static ActionResult ShowOnceJson(JsonNode body) => new JsonActionResult(body) { ShowOnce = true };

    /// <summary>A file download.</summary>
    public static ActionResult File(byte[] content, string contentType, string fileName) => new FileActionResult(content, contentType, fileName);

    /// <summary>A failure; <paramref name="status"/> is an HTTP status such as 400, 404 or 409.</summary>
    public static ActionResult Problem(int status, string title, string detail, IReadOnlyList<FieldError>? errors = null) =>
        new ProblemActionResult(status, title, detail, errors ?? []);
}

/// <summary>A JSON answer.</summary>
/// <param name="Body">The JSON document.</param>
public sealed record JsonActionResult(JsonNode Body) : ActionResult
{
    /// <summary>See <see cref="ActionResult.ShowOnceJson"/>.</summary>
    public bool ShowOnce { get; init; }

    /// <inheritdoc />
    // A record prints its members; a show-once body must not reach a log through ToString.
    public override string ToString() => ShowOnce ? "JsonActionResult { ShowOnce = True }" : base.ToString();
}

/// <summary>A file answer.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="FileName">Suggested file name.</param>
public sealed record FileActionResult(byte[] Content, string ContentType, string FileName) : ActionResult;

/// <summary>A failure answer.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Title">Short summary.</param>
/// <param name="Detail">What went wrong, naming the entity or field.</param>
/// <param name="Errors">Field errors, if any.</param>
public sealed record ProblemActionResult(int Status, string Title, string Detail, IReadOnlyList<FieldError> Errors) : ActionResult;
