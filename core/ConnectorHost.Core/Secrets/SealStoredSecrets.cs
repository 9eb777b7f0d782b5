using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Secrets;

/// <summary>
/// Encrypts secrets that a database from before encryption at rest still holds in clear. Run by the host at start-up
/// once plugins are loaded (their schemas say which fields are secrets); finds candidates with one LIKE per secret
/// field, so a database with nothing left to seal costs a few index-free scans and no JSON parsing.
/// </summary>
public static class SealStoredSecrets
{
    public static async Task<int> RunAsync(HostDbContext db, IConnectorCatalog catalog, SettingsSecrets secrets, DateTime now, CancellationToken cancellationToken)
    {
        var sealedCount = 0;
        foreach (var connector in catalog.All.Where(c => c.Description is not null))
        {
            var schema = connector.Description!.Schema;
            foreach (var key in schema.User.Where(f => f.Type == FieldType.Secret).Select(f => ClearPattern(f.Key)))
            {
                var candidates = await db.UserConnectorSettings.Where(s => s.ConnectorId == connector.Id && EF.Functions.Like(s.Json, key)).ToListAsync(cancellationToken);
                sealedCount += Seal(candidates, schema, secrets, now);
            }
            foreach (var key in schema.Group.Where(f => f.Type == FieldType.Secret).Select(f => ClearPattern(f.Key)))
            {
                var candidates = await db.GroupConnectorSettings.Where(s => s.ConnectorId == connector.Id && EF.Functions.Like(s.Json, key)).ToListAsync(cancellationToken);
                sealedCount += Seal(candidates, schema, secrets, now);
            }
        }
        if (sealedCount > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return sealedCount;
    }

    // A clear secret is stored as "key":"text"; a sealed one as "key":{…}.
    private static string ClearPattern(string key) => $"%\"{key}\":\"%";

    private static int Seal(IEnumerable<ISettingsDocument> documents, ConnectorSchema schema, SettingsSecrets secrets, DateTime now)
    {
        var count = 0;
        foreach (var document in documents)
        {
            var fields = document.FieldsOf(schema);
            var stored = DirectoryQueries.Parse(document.Json);
            if (SettingsSecrets.HasClearSecrets(fields, stored))
            {
                document.Json = secrets.Seal(fields, stored, null, now).ToJsonString();
                count++;
            }
        }
        return count;
    }
}
