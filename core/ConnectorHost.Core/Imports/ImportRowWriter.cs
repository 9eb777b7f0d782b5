using ConnectorHost.Sdk.Model;
using System.Text.Json.Nodes;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.ConnectorSettings.PutConnectorSettings;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.FieldOptions;
using ConnectorHost.Core.Imports.UserFiles;
using ConnectorHost.Core.Memberships.GroupMembership;
using ConnectorHost.Core.Memberships.UserRoleAssignment;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Secrets;
using ConnectorHost.Core.Users;
using ConnectorHost.Core.Users.CreateUser;
using ConnectorHost.Core.Users.DisableUser;
using ConnectorHost.Core.Users.UpdateUser;
using ConnectorHost.Sdk.Bulk;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Imports;

/// <summary>
/// Writes one row through the same use cases as the API (CreateUser, UpdateUser, DisableUser, memberships,
/// PutConnectorSettings), so every row gets exactly the API's validation, connector checks, audit and outbox. In
/// overwrite mode a row equal to the stored user sends no command at all, so it is neither audited nor synced.
/// <para>
/// Two ways through: a row that only creates a user from core columns (the bulk of a large file) is checked with
/// CreateUser's own validators and added by CreateUser's own code to the batch, which <see cref="FlushAsync"/> writes
/// with prepared INSERTs, each user with its audit entry (what a save's change capture writes for a new user).
/// Every other row (connector columns, memberships, an update) first flushes that batch, so connectors' checks see
/// the rows above, and then runs its commands inside a savepoint: a refused row leaves nothing behind.
/// </para>
/// </summary>
internal sealed class ImportRowWriter(HostDbContext db, IMediator mediator, Savepoints savepoints, CoreOptions options, SettingsSecrets secrets, FieldOptionsCache fieldOptions,
    IConnectorCatalog catalog, PendingNotifications notifications, IEnumerable<FluentValidation.IValidator<CreateUser>> createValidators, ChangeOrigin origin,
    ICurrentActor actor, TimeProvider time)
{
    private readonly Dictionary<string, Guid?> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid?> _roles = new(StringComparer.Ordinal);
    private readonly List<User> _batch = [];

    /// <summary>
    /// Saves the users added by the batch path inside the caller's transaction, with what the change capture of a save
    /// writes for a new user: its audit row (<see cref="Audit.AuditTrail"/>, same actor). A new user has no connector
    /// settings yet, so it is no connector's user and queues no sync job (<see cref="Sync.Outbox"/>); it has no secrets
    /// or files to seal either. Rows go in through prepared INSERTs built from the EF model; a taken username fails
    /// the batch with the unique index's error (the runner then writes the batch row by row).
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            return;
        }
        var added = _batch.Select(u => db.Entry(u)).ToList();
        var who = ChangeCaptureInterceptor.ActorOf(origin, actor);
        var now = time.GetUtcNow().UtcDateTime;
        using (var users = new PreparedInsert(db, typeof(User)))
        using (var audit = new PreparedInsert(db, typeof(AuditEntry)))
        {
            foreach (var entry in added)
            {
                await users.InsertAsync(entry.Entity, cancellationToken);
                await audit.InsertAsync(Audit.AuditTrail.AuditOf(entry, catalog, who, now), cancellationToken);
            }
        }
        // Written: the context must not insert them a second time.
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }
        _batch.Clear();
    }

    /// <summary>Forgets the unsaved batch (the caller rolled back and cleared the context).</summary>
    public void Forget() => _batch.Clear();

    /// <summary>
    /// Writes one row. <paramref name="batchUsers"/> (the stored users of the row's batch by normalized username) allows
    /// the batch path; null sends every row through the use cases one by one.
    /// </summary>
    public async Task<(RowOutcome Outcome, IReadOnlyList<RowError> Errors)> WriteAsync(UserFileLayout layout, UserFileRow row, string mode,
        IReadOnlyDictionary<string, User>? batchUsers, CancellationToken cancellationToken)
    {
        var errors = new List<RowError>();
        if (row.Malformed is { } malformed)
        {
            return (RowOutcome.Failed, [new RowError("*", malformed)]);
        }
        var draft = Read(layout, row, errors);
        if (errors.Count > 0 || draft is null)
        {
            return (RowOutcome.Failed, errors);
        }
        if (batchUsers is not null && await TryBatchAsync(layout, draft, mode, batchUsers, errors, cancellationToken) is { } batched)
        {
            return (batched, errors);
        }
        // The use cases below read the database: the rows above must be in it.
        await FlushAsync(cancellationToken);
        try
        {
            var outcome = await savepoints.RunAsync(async () =>
            {
                var result = await ApplyAsync(layout, draft, mode, errors, cancellationToken);
                if (errors.Count > 0)
                {
                    // Undo what the row did so far: the savepoint rolls back on an exception.
                    throw new RowRefusedException();
                }
                return result;
            }, cancellationToken);
            return (outcome, errors);
        }
        catch (RowRefusedException)
        {
            return (RowOutcome.Failed, errors);
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            errors.AddRange(refusal.Select(r => new RowError(ColumnOf(layout, r.Field), r.Message)));
            return (RowOutcome.Failed, errors);
        }
        finally
        {
            // The row is saved (inside the open transaction) and the batch was flushed before it: forgetting what the
            // context tracks keeps every row's save as cheap as the first.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// The batch path: a new user from core columns only is validated and added here, an overwrite row equal to the
    /// stored user is unchanged. Null: the row needs the use cases one by one.
    /// </summary>
    private async Task<RowOutcome?> TryBatchAsync(UserFileLayout layout, RowDraft draft, string mode, IReadOnlyDictionary<string, User> batchUsers, List<RowError> errors,
        CancellationToken cancellationToken)
    {
        if (batchUsers.TryGetValue(UsernameKey.Normalize(draft.Username), out var existing))
        {
            if (mode != ImportMode.Overwrite)
            {
                errors.Add(ExistsAlready(layout, existing));
                return RowOutcome.Failed;
            }
            return draft.ProfileOnly(exists: true) && SameProfile(existing, ProfileOf(existing, draft)) && (draft.Enabled is not { } enabled || enabled == existing.Enabled)
                ? RowOutcome.Unchanged
                : null;
        }
        if (!draft.ProfileOnly(exists: false))
        {
            return null;
        }
        var create = CreateOf(draft);
        var failures = await ValidationBehaviour<CreateUser, UserDto>.ErrorsAsync(createValidators, create, cancellationToken);
        if (failures.Count > 0)
        {
            errors.AddRange(failures.Select(f => new RowError(ColumnOf(layout, f.Field), f.Message)));
            return RowOutcome.Failed;
        }
        // The username is free: the batch's users were read from the database, and the runner refuses a repeat within the file.
        _batch.Add(CreateUserHandler.Add(db, notifications, options, create));
        return RowOutcome.Created;
    }

    private static CreateUser CreateOf(RowDraft draft) =>
        new(draft.Username, draft.Get(CoreColumn.FirstName) ?? "", draft.Get(CoreColumn.LastName) ?? "",
            draft.Get(CoreColumn.DisplayName), draft.Get(CoreColumn.Email), draft.Phones, draft.Get(CoreColumn.Extension),
            draft.Get(CoreColumn.Language), draft.Get(CoreColumn.TimeZone), draft.Enabled ?? true);

    private static UpdateUser ProfileOf(User existing, RowDraft draft) =>
        new(existing.Id, null,
            draft.Has(CoreColumn.FirstName) ? draft.Get(CoreColumn.FirstName) ?? "" : existing.FirstName,
            draft.Has(CoreColumn.LastName) ? draft.Get(CoreColumn.LastName) ?? "" : existing.LastName,
            draft.Has(CoreColumn.DisplayName) ? draft.Get(CoreColumn.DisplayName) : existing.DisplayName,
            draft.Has(CoreColumn.Email) ? draft.Get(CoreColumn.Email) : existing.Email,
            draft.Phones ?? existing.PhoneNumbers,
            draft.Has(CoreColumn.Extension) ? draft.Get(CoreColumn.Extension) : existing.Extension,
            draft.Has(CoreColumn.Language) ? draft.Get(CoreColumn.Language) : existing.Language,
            draft.Has(CoreColumn.TimeZone) ? draft.Get(CoreColumn.TimeZone) : existing.TimeZone,
            existing.Attributes);

    private static RowError ExistsAlready(UserFileLayout layout, User existing) =>
        new(HeaderOf(layout, CoreColumn.Username), $"User '{existing.Username}' exists already; import with mode 'overwrite' to update it.");

    private async Task<RowOutcome> ApplyAsync(UserFileLayout layout, RowDraft draft, string mode, List<RowError> errors, CancellationToken cancellationToken)
    {
        var normalized = UsernameKey.Normalize(draft.Username);
        var existing = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        var changed = false;
        Guid id;
        if (existing is null)
        {
            var created = await mediator.Send(CreateOf(draft), cancellationToken);
            id = created.Id;
        }
        else if (mode != ImportMode.Overwrite)
        {
            errors.Add(ExistsAlready(layout, existing));
            return RowOutcome.Failed;
        }
        else
        {
            id = existing.Id;
            var profile = ProfileOf(existing, draft);
            if (!SameProfile(existing, profile))
            {
                await mediator.Send(profile, cancellationToken);
                changed = true;
            }
            if (draft.Enabled is { } enabled && enabled != existing.Enabled)
            {
                await mediator.Send(new DisableUser(existing.Id, null, !enabled), cancellationToken);
                changed = true;
            }
        }
        if (draft.Groups is { } groups)
        {
            changed |= await SetMembershipsAsync(layout, CoreColumn.Groups, id, groups, existing is not null, errors, cancellationToken);
        }
        if (draft.Roles is { } roles)
        {
            changed |= await SetMembershipsAsync(layout, CoreColumn.Roles, id, roles, existing is not null, errors, cancellationToken);
        }
        foreach (var (connectorId, cells) in draft.Settings)
        {
            changed |= await PutSettingsAsync(layout, id, connectorId, cells, cancellationToken);
        }
        return existing is null ? RowOutcome.Created : changed ? RowOutcome.Updated : RowOutcome.Unchanged;
    }

    private bool SameProfile(User existing, UpdateUser profile)
    {
        var after = new User { Username = existing.Username };
        after.Apply(profile, options);
        return after.FirstName == existing.FirstName && after.LastName == existing.LastName && after.DisplayName == existing.DisplayName
            && after.Email == existing.Email && after.PhoneNumbers.SequenceEqual(existing.PhoneNumbers) && after.Extension == existing.Extension
            && after.Language == existing.Language && after.TimeZone == existing.TimeZone;
    }

    /// <summary>Makes the user's direct groups (or roles) exactly the listed ones; unknown keys are row errors.</summary>
    private async Task<bool> SetMembershipsAsync(UserFileLayout layout, CoreColumn column, Guid userId, IReadOnlyList<string> keys, bool existed, List<RowError> errors, CancellationToken cancellationToken)
    {
        var isGroups = column == CoreColumn.Groups;
        var wanted = new HashSet<Guid>();
        foreach (var key in keys)
        {
            if (await ResolveAsync(isGroups, key, cancellationToken) is { } target)
            {
                wanted.Add(target);
            }
            else
            {
                errors.Add(new RowError(HeaderOf(layout, column), $"{(isGroups ? "Group" : "Role")} '{key}' does not exist."));
            }
        }
        if (errors.Count > 0)
        {
            return false;
        }
        var current = !existed ? []
            : isGroups ? await db.UserGroups.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken)
            : await db.UserRoles.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.RoleId).ToListAsync(cancellationToken);
        var changed = false;
        foreach (var add in wanted.Except(current))
        {
            await mediator.Send(isGroups ? new AddUserToGroup(userId, add) : (IRequest<Unit>)new AssignRoleToUser(userId, add), cancellationToken);
            changed = true;
        }
        foreach (var remove in current.Except(wanted))
        {
            await mediator.Send(isGroups ? new RemoveUserFromGroup(userId, remove) : (IRequest<Unit>)new UnassignRoleFromUser(userId, remove), cancellationToken);
            changed = true;
        }
        return changed;
    }

    private async Task<Guid?> ResolveAsync(bool group, string key, CancellationToken cancellationToken)
    {
        var normalized = UsernameKey.Normalize(key);
        var cache = group ? _groups : _roles;
        if (!cache.TryGetValue(normalized, out var id))
        {
            id = group
                ? await db.Groups.AsNoTracking().Where(g => g.NormalizedKey == normalized).Select(g => (Guid?)g.Id).FirstOrDefaultAsync(cancellationToken)
                : await db.Roles.AsNoTracking().Where(r => r.NormalizedKey == normalized).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
            cache[normalized] = id;
        }
        return id;
    }

    /// <summary>
    /// The connector's document: the stored one with the file's cells laid over it (an empty cell clears the field),
    /// put through PutConnectorSettings unless the schema's normalized result equals what is stored.
    /// </summary>
    private async Task<bool> PutSettingsAsync(UserFileLayout layout, Guid userId, string connectorId, IReadOnlyList<(LayoutColumn Column, string Cell)> cells, CancellationToken cancellationToken)
    {
        var stored = await db.UserConnectorSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId && s.ConnectorId == connectorId, cancellationToken);
        if (stored is null && cells.All(c => c.Cell.Length == 0))
        {
            return false;
        }
        var storedDocument = stored is null ? null : secrets.Open(DirectoryQueries.Parse(stored.Json));
        var proposed = new JsonObject();
        if (storedDocument is not null)
        {
            foreach (var (key, value) in storedDocument.Where(p => !p.Key.StartsWith('$')))
            {
                proposed[key] = value?.DeepClone();
            }
        }
        foreach (var (column, cell) in cells)
        {
            if (cell.Length == 0)
            {
                proposed.Remove(column.Field!.Key);
            }
            else
            {
                proposed[column.Field!.Key] = column.Field.Type is FieldType.MultiEnum or FieldType.StringList
                    ? new JsonArray([.. UserFileCells.SplitList(cell, column.ListSeparator).Select(v => (JsonNode?)JsonValue.Create(column.ToStored(v)))])
                    : UserFileCells.ToJson(column.Field, column.ToStored(cell), column.ListSeparator);
            }
        }
        if (storedDocument is not null)
        {
            var fields = catalog.Find(connectorId)?.Description?.Schema.User ?? [];
            var normalized = SettingsCheck.Validate(fields, (JsonObject)proposed.DeepClone(), storedDocument, fieldOptions.Current(connectorId, fields));
            var before = new JsonObject(storedDocument.Where(p => !p.Key.StartsWith('$')).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            if (normalized.Errors.Count == 0 && JsonNode.DeepEquals(normalized.Settings, before))
            {
                return false;
            }
        }
        await mediator.Send(new PutConnectorSettings(SettingsOwner.User, userId, connectorId, proposed, null), cancellationToken);
        return true;
    }

    private static RowDraft? Read(UserFileLayout layout, UserFileRow row, List<RowError> errors)
    {
        var draft = new RowDraft();
        for (var i = 0; i < layout.Columns.Count; i++)
        {
            if (row.Cells[i] is not { } raw)
            {
                continue;
            }
            var column = layout.Columns[i];
            var cell = raw.Trim();
            if (column.Required && cell.Length == 0)
            {
                errors.Add(new RowError(column.Header, $"{column.Header} is required."));
                continue;
            }
            if (column.ConnectorId is { } connectorId)
            {
                if (!draft.Settings.TryGetValue(connectorId, out var list))
                {
                    draft.Settings[connectorId] = list = [];
                }
                list.Add((column, cell));
                continue;
            }
            switch (column.Core!.Value)
            {
                case CoreColumn.Enabled when cell.Length > 0:
                    draft.Enabled = UserFileCells.ParseFlag(column.ToStored(cell));
                    if (draft.Enabled is null)
                    {
                        errors.Add(new RowError(column.Header, $"'{cell}' must be true or false (yes/no and 1/0 are accepted too)."));
                    }
                    break;
                case CoreColumn.Enabled:
                    break;
                case CoreColumn.PhoneNumbers:
                    draft.Phones = UserFileCells.SplitList(cell, column.ListSeparator);
                    break;
                case CoreColumn.Groups:
                    draft.Groups = UserFileCells.SplitList(cell, column.ListSeparator);
                    break;
                case CoreColumn.Roles:
                    draft.Roles = UserFileCells.SplitList(cell, column.ListSeparator);
                    break;
                default:
                    draft.Core[column.Core.Value] = column.ToStored(cell);
                    break;
            }
        }
        if (errors.Count > 0)
        {
            return null;
        }
        if (draft.Get(CoreColumn.Username) is not { Length: > 0 } username)
        {
            errors.Add(new RowError(HeaderOf(layout, CoreColumn.Username), "A username is required."));
            return null;
        }
        draft.Username = username;
        return draft;
    }

    /// <summary>The row errors of a refusal by a use case, or null for an exception that is not about the row.</summary>
    private static IReadOnlyList<ConnectorHost.Sdk.Schema.FieldError>? Refusal(Exception e) => e switch
    {
        ValidationFailedException v => v.Errors,
        ConflictException { Errors.Count: > 0 } c => c.Errors,
        ConflictException c => [new("*", c.Message)],
        NotFoundException n => [new("*", n.Message)],
        ConnectorUnavailableException u => [new("*", u.Message)],
        ConnectorActionFailedException a => [new("*", a.Message)],
        _ => null,
    };

    /// <summary>The file's column an error key of a use case points at ("phoneNumbers[1]", "connectors.x.extension", "extension").</summary>
    private static string ColumnOf(UserFileLayout layout, string field)
    {
        if (field == "*")
        {
            return "*";
        }
        var key = field.StartsWith("connectors.", StringComparison.Ordinal) ? field["connectors.".Length..] : field;
        var root = key.Split('[')[0];
        var match = layout.Columns.FirstOrDefault(c => c.Core is not null && string.Equals(c.ErrorKey, root, StringComparison.OrdinalIgnoreCase))
            ?? layout.Columns.FirstOrDefault(c => c.ConnectorId is not null && (root == $"{c.ConnectorId}.{c.Field!.Key}" || root.Split('.')[0] == c.Field!.Key));
        return match?.Header ?? field;
    }

    private static string HeaderOf(UserFileLayout layout, CoreColumn column) =>
        layout.Columns.FirstOrDefault(c => c.Core == column)?.Header ?? UserFileLayout.CoreHeader(column);

    private sealed class RowRefusedException : Exception;

    /// <summary>A row read from its cells: which core columns it has (absent columns keep stored values on overwrite).</summary>
    private sealed class RowDraft
    {
        public string Username { get; set; } = "";
        public Dictionary<CoreColumn, string> Core { get; } = [];
        public bool? Enabled { get; set; }
        public IReadOnlyList<string>? Phones { get; set; }
        public IReadOnlyList<string>? Groups { get; set; }
        public IReadOnlyList<string>? Roles { get; set; }
        public Dictionary<string, List<(LayoutColumn Column, string Cell)>> Settings { get; } = new(StringComparer.Ordinal);

        public bool Has(CoreColumn column) => Core.ContainsKey(column);

        /// <summary>Nothing but the user's own columns to write: for a new user, empty membership and connector cells write nothing either.</summary>
        public bool ProfileOnly(bool exists) => exists
            ? Groups is null && Roles is null && Settings.Count == 0
            : Groups is not { Count: > 0 } && Roles is not { Count: > 0 } && Settings.Values.All(cells => cells.All(c => c.Cell.Length == 0));

        public string? Get(CoreColumn column) => Core.TryGetValue(column, out var v) && v.Length > 0 ? v : null;
    }
}
