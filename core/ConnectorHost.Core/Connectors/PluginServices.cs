using System.Text.Json.Nodes;
using ConnectorHost.Core.ConnectorSettings.PutUserConnectorSettings;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Users;
using ConnectorHost.Core.Users.CreateUser;
using ConnectorHost.Core.Users.DeleteUser;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Connectors;

/// <summary>The host services one connector gets for one request, bound to that request's unit of work.</summary>
public sealed record PluginServices(IDirectoryReader Directory, IDirectoryWriter Writer, IConnectorStore Store);

/// <summary>Creates <see cref="PluginServices"/> for a connector from the current request scope.</summary>
public sealed class PluginServicesFactory(HostDbContext db, IMediator mediator, Secrets.SettingsSecrets secrets)
{
    public PluginServices Create(string connectorId)
    {
        var directory = new ConnectorDirectory(db, mediator, secrets, connectorId);
        return new PluginServices(directory, directory, new ConnectorDocumentStore(db, connectorId));
    }
}

internal sealed class ConnectorDirectory(HostDbContext db, IMediator mediator, Secrets.SettingsSecrets secrets, string connectorId) : IDirectoryReader, IDirectoryWriter
{
    public Task<UserContext?> GetUserAsync(Guid userId, CancellationToken cancellationToken) =>
        DirectoryQueries.LoadUserAsync(db, secrets, connectorId, userId, cancellationToken);

    public Task<GroupContext?> GetGroupAsync(Guid groupId, CancellationToken cancellationToken) =>
        DirectoryQueries.LoadGroupAsync(db, secrets, connectorId, groupId, cancellationToken);

    public Task<IReadOnlyList<UserContext>> ListUsersWithSettingsAsync(CancellationToken cancellationToken) =>
        DirectoryQueries.LoadUsersWithSettingsAsync(db, secrets, connectorId, cancellationToken);

    public async Task<Guid> CreateUserAsync(UserDraft user, JsonObject settings, CancellationToken cancellationToken)
    {
        // Same use cases as the API, so the same rules, audit and notifications apply. User and settings are
        // one unit: a refused settings document must not leave a user without them (e.g. an import's skipped row).
        var transaction = db.Database.CurrentTransaction;
        var savepoint = $"create{Guid.NewGuid():N}";
        if (transaction is not null)
        {
            await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        }
        UserDto? created = null;
        try
        {
            created = await Translate(() => mediator.Send(new CreateUser(user.Username, user.FirstName, user.LastName,
                Email: user.Email, PhoneNumbers: user.PhoneNumbers, Extension: user.Extension), cancellationToken));
            await Translate(() => mediator.Send(new PutUserConnectorSettings(created.Id, connectorId, settings, null), cancellationToken));
            if (transaction is not null)
            {
                await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
            }
            return created.Id;
        }
        catch when (transaction is not null && created is not null)
        {
            await transaction.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is User u && u.Id == created.Id).ToList())
            {
                entry.State = EntityState.Detached;
            }
            throw;
        }
    }

    public async Task<bool> DeleteUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return false;
        }
        await mediator.Send(new DeleteUser(userId, null), cancellationToken);
        return true;
    }

    public Task PutUserSettingsAsync(Guid userId, JsonObject settings, CancellationToken cancellationToken) =>
        Translate(() => mediator.Send(new PutUserConnectorSettings(userId, connectorId, settings, null), cancellationToken));

    private static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ValidationFailedException ex)
        {
            throw new DirectoryWriteException(ex.Errors);
        }
        catch (ConflictException ex)
        {
            throw new DirectoryWriteException(ex.Errors.Count > 0 ? ex.Errors : [new("", ex.Message)]) { IsConflict = true };
        }
    }
}

internal sealed class ConnectorDocumentStore(HostDbContext db, string connectorId) : IConnectorStore
{
    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, CancellationToken cancellationToken)
    {
        var documents = await db.ConnectorDocuments.AsNoTracking()
            .Where(d => d.ConnectorId == connectorId && d.Collection == collection)
            .OrderBy(d => d.Key)
            .ToListAsync(cancellationToken);
        return documents.Select(ToStored).ToList();
    }

    public async Task<StoredDocument?> GetAsync(string collection, string key, CancellationToken cancellationToken)
    {
        var document = await db.ConnectorDocuments.AsNoTracking()
            .FirstOrDefaultAsync(d => d.ConnectorId == connectorId && d.Collection == collection && d.Key == key, cancellationToken);
        return document is null ? null : ToStored(document);
    }

    public async Task<StoredDocument> PutAsync(string collection, string key, JsonObject document, int? expectedVersion, CancellationToken cancellationToken)
    {
        var stored = await db.ConnectorDocuments.FindAsync([connectorId, collection, key], cancellationToken);
        if (expectedVersion is { } expected && (stored?.Version ?? 0) != expected)
        {
            throw new ConnectorStoreConflictException($"{collection}/{key} was changed by someone else (version {stored?.Version ?? 0}, expected {expected}).");
        }
        if (stored is null)
        {
            stored = new ConnectorDocument { ConnectorId = connectorId, Collection = collection, Key = key, UpdatedAt = DateTime.UtcNow };
            db.ConnectorDocuments.Add(stored);
        }
        else
        {
            stored.MarkChanged();
        }
        stored.Json = document.ToJsonString();
        // Flush so later reads in the same action see the write (the transaction still decides).
        await db.SaveChangesAsync(cancellationToken);
        return ToStored(stored);
    }

    public async Task<bool> DeleteAsync(string collection, string key, CancellationToken cancellationToken)
    {
        var stored = await db.ConnectorDocuments.FindAsync([connectorId, collection, key], cancellationToken);
        if (stored is null)
        {
            return false;
        }
        db.ConnectorDocuments.Remove(stored);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static StoredDocument ToStored(ConnectorDocument d) => new(d.Key, DirectoryQueries.Parse(d.Json), d.Version);
}
