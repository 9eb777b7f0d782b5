using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;
using MediatR;

namespace ConnectorHost.Sdk.Requests;

/// <summary>What the sync engine asks the vendor to do with an entity.</summary>
public enum PushOperation
{
    /// <summary>Create the entity, or update it when <c>VendorId</c> is known.</summary>
    Upsert,
    /// <summary>Delete the entity at the vendor.</summary>
    Delete,
}

/// <summary>The vendor's answer to a push.</summary>
/// <param name="VendorId">The id the vendor uses for the entity (null after a delete).</param>
/// <param name="State">Short state text recorded for admins, e.g. <c>created</c>, <c>updated</c>, <c>deleted</c>, <c>unchanged</c>.</param>
public sealed record PushResult(string? VendorId, string State)
{
    /// <summary>
    /// Values the vendor assigned (an internal number, an account id, the time of the last password reset),
    /// merged into the entity's settings for this connector after an upsert. Keys must be fields of the schema;
    /// a null value clears the field. The host stores the patch without queuing another push (the vendor already
    /// has these values) and audits it with the connector as the actor. Null: nothing to store.
    /// </summary>
    public JsonObject? SettingsPatch { get; init; }
}

/// <summary>
/// Creates, updates or deletes one user at the vendor. Must be idempotent: when <see cref="VendorId"/> is
/// known, update that record; when it is null, look the user up by its natural key before creating, so a
/// repeated push never creates a duplicate.
/// </summary>
/// <param name="User">The user with this connector's settings (for a delete, the last known state).</param>
/// <param name="Operation">Upsert or delete.</param>
/// <param name="VendorId">The vendor id recorded by an earlier push, if any.</param>
/// <param name="IdempotencyKey">Stable key of this change; send it to vendors that support idempotency keys.</param>
public sealed record PushUser(UserContext User, PushOperation Operation, string? VendorId, string IdempotencyKey) : IRequest<PushResult>;

/// <summary>Creates, updates or deletes one group at the vendor (same idempotency rules as <see cref="PushUser"/>).</summary>
/// <param name="Group">The group with this connector's settings and members.</param>
/// <param name="Operation">Upsert or delete.</param>
/// <param name="VendorId">The vendor id recorded by an earlier push, if any.</param>
/// <param name="IdempotencyKey">Stable key of this change.</param>
public sealed record PushGroup(GroupContext Group, PushOperation Operation, string? VendorId, string IdempotencyKey) : IRequest<PushResult>;

/// <summary>Reads one page of the vendor's users, for reconciliation.</summary>
/// <param name="Cursor">Null for the first page, then the <see cref="VendorUserPage.NextCursor"/> of the previous page.</param>
/// <param name="PageSize">Wanted page size; the connector may return fewer.</param>
public sealed record ListVendorUsers(string? Cursor, int PageSize) : IRequest<VendorUserPage>;

/// <summary>One page of vendor users.</summary>
/// <param name="Items">The users on this page.</param>
/// <param name="NextCursor">Cursor of the next page, or null on the last page.</param>
public sealed record VendorUserPage(IReadOnlyList<VendorUser> Items, string? NextCursor);

/// <summary>A user as the vendor stores it.</summary>
/// <param name="VendorId">The vendor's id.</param>
/// <param name="MatchKey">The natural key used to match core users (e.g. the login name or extension), compared case-insensitively.</param>
/// <param name="Fields">The vendor's values, keyed like the <see cref="Projection.Payload"/> so the two can be diffed.</param>
public sealed record VendorUser(string VendorId, string MatchKey, JsonObject Fields);
