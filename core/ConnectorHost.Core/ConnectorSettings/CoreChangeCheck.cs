using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.ConnectorSettings;

/// <summary>
/// Gives every connector a user has settings for a say on a change of the core user (rename, profile, disable,
/// group or role membership): the pending change is flushed inside the command's transaction, then each connector
/// validates the user as it would be, and declared <see cref="ConnectorSchema.RequiredCoreFields"/> may not be cleared.
/// Any error throws, so the transaction rolls back. Errors are keyed <c>connectors.{id}.{field}</c> and name the connector.
/// </summary>
internal sealed class CoreChangeCheck(HostDbContext db, Secrets.SettingsSecrets secrets, IConnectorCatalog catalog, IConnectorDispatcher dispatcher)
{
    /// <param name="userIds">The users whose view changes (one for a profile edit, all members for a group role change).</param>
    /// <param name="before">The user before the change, for the required-core-field rule (null when core fields cannot change).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task CheckAsync(IReadOnlyCollection<Guid> userIds, UserSnapshot? before, CancellationToken cancellationToken)
    {
        var assignments = await db.UserConnectorSettings.AsNoTracking()
            .Where(s => userIds.Contains(s.UserId))
            .Select(s => new { s.UserId, s.ConnectorId })
            .ToListAsync(cancellationToken);
        if (assignments.Count == 0)
        {
            return;
        }
        // Connectors read the user through queries: they must see the change, still uncommitted, in this transaction.
        await db.SaveChangesAsync(cancellationToken);

        var errors = new List<FieldError>();
        var conflict = false;
        foreach (var assignment in assignments.OrderBy(a => a.ConnectorId, StringComparer.Ordinal))
        {
            // A disabled or faulted connector cannot answer; it gets its say when its settings are saved again.
            if (catalog.Find(assignment.ConnectorId) is not { Status: ConnectorStatus.Loaded, Description: { } description })
            {
                continue;
            }
            var user = await DirectoryQueries.LoadUserAsync(db, secrets, assignment.ConnectorId, assignment.UserId, cancellationToken);
            if (user is null)
            {
                continue;
            }
            var name = $"{description.Manifest.DisplayName} ({assignment.ConnectorId})";
            var who = userIds.Count > 1 ? $", user '{user.User.Username}'" : "";
            if (before is not null)
            {
                foreach (var core in description.Schema.RequiredCoreFields.Where(f => HasValue(before, f) && !HasValue(user.User, f)))
                {
                    errors.Add(new FieldError(CoreFieldKey(core), $"{name} needs the user's {CoreFieldKey(core)} while the user has settings for it; remove the connector's settings first.")
                    {
                        Code = FieldErrorCodes.RequiredByConnector,
                    });
                }
            }
            if (description.Manifest.Capabilities.HasFlag(ConnectorCapabilities.ValidateUserSettings))
            {
                var verdict = await dispatcher.SendAsync(assignment.ConnectorId, new ValidateUserSettings(user, user.Settings), cancellationToken);
                conflict |= verdict.IsConflict && verdict.Errors.Count > 0;
                errors.AddRange(verdict.Errors.Select(e => e with { Field = $"connectors.{assignment.ConnectorId}.{e.Field}", Message = $"{name}{who}: {e.Message}" }));
            }
        }
        if (errors.Count > 0)
        {
            throw conflict
                ? new ConflictException(string.Join(" ", errors.Select(e => e.Message)), errors)
                : new ValidationFailedException(errors);
        }
    }

    private static string CoreFieldKey(CoreUserField field) => field switch
    {
        CoreUserField.Email => "email",
        CoreUserField.FirstName => "firstName",
        CoreUserField.LastName => "lastName",
        CoreUserField.PhoneNumbers => "phoneNumbers",
        CoreUserField.Extension => "extension",
        CoreUserField.Language => "language",
        CoreUserField.TimeZone => "timeZone",
        _ => field.ToString(),
    };

    private static bool HasValue(UserSnapshot user, CoreUserField field) => field switch
    {
        CoreUserField.Email => !string.IsNullOrWhiteSpace(user.Email),
        CoreUserField.FirstName => !string.IsNullOrWhiteSpace(user.FirstName),
        CoreUserField.LastName => !string.IsNullOrWhiteSpace(user.LastName),
        CoreUserField.PhoneNumbers => user.PhoneNumbers.Count > 0,
        CoreUserField.Extension => !string.IsNullOrWhiteSpace(user.Extension),
        CoreUserField.Language => !string.IsNullOrWhiteSpace(user.Language),
        CoreUserField.TimeZone => !string.IsNullOrWhiteSpace(user.TimeZone),
        _ => true,
    };
}
