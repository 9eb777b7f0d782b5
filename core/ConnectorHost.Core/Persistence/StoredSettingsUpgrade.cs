using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Files;
using ConnectorHost.Core.Secrets;
using ConnectorHost.Sdk.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ConnectorHost.Core.Persistence;

/// <summary>
/// Brings settings documents written by an older host to today's form: secrets still in clear get encrypted, file
/// bytes still inside the JSON move to <see cref="StoredFile"/>. Run by the host at start-up once plugins are loaded
/// (their schemas say which fields are secrets or files). Candidates are found with one LIKE per such field, so a
/// database with nothing left to upgrade costs a few scans and no JSON parsing. Nothing is queued for the vendors:
/// the values are the same (see <see cref="SettingsSecrets.SameForVendor"/>).
/// </summary>
public static class StoredSettingsUpgrade
{
    public static async Task<int> RunAsync(HostDbContext db, IConnectorCatalog catalog, SettingsSecrets secrets, DateTime now, CancellationToken cancellationToken)
    {
        if (!await AnyCandidateAsync(db, catalog, cancellationToken))
        {
            return 0;
        }
        var upgraded = new HashSet<IConnectorSetting>(ReferenceEqualityComparer.Instance);
        foreach (var connector in catalog.All.Where(c => c.Description is not null))
        {
            var schema = connector.Description!.Schema;
            await UpgradeTableAsync(db, db.UserConnectorSettings, connector.Id, schema.User, schema, secrets, now, upgraded, cancellationToken);
            await UpgradeTableAsync(db, db.GroupConnectorSettings, connector.Id, schema.Group, schema, secrets, now, upgraded, cancellationToken);
            await UpgradeTableAsync(db, db.RoleConnectorSettings, connector.Id, schema.Role, schema, secrets, now, upgraded, cancellationToken);
        }
        if (upgraded.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return upgraded.Count;
    }

    // Almost every start has nothing to upgrade. One plain SQL probe with the same LIKE patterns decides that before
    // EF compiles the three LIKE queries above, which cost about half a second of start-up on first use.
    private static async Task<bool> AnyCandidateAsync(HostDbContext db, IConnectorCatalog catalog, CancellationToken cancellationToken)
    {
        var candidates = new List<(string Table, string ConnectorColumn, string JsonColumn, string ConnectorId, string Pattern)>();
        foreach (var connector in catalog.All.Where(c => c.Description is not null))
        {
            var schema = connector.Description!.Schema;
            var tables = new[] { (typeof(UserConnectorSetting), schema.User), (typeof(GroupConnectorSetting), schema.Group), (typeof(RoleConnectorSetting), schema.Role) };
            foreach (var (type, fields) in tables)
            {
                var entity = db.Model.FindEntityType(type)!;
                var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
                var connectorColumn = entity.FindProperty(nameof(UserConnectorSetting.ConnectorId))!.GetColumnName(table)!;
                var jsonColumn = entity.FindProperty(nameof(UserConnectorSetting.Json))!.GetColumnName(table)!;
                candidates.AddRange(Patterns(fields).Select(pattern => (table.Name, connectorColumn, jsonColumn, connector.Id, pattern)));
            }
        }
        if (candidates.Count == 0)
        {
            return false;
        }
        return await PlainSql.ReadRowAsync(db, command =>
        {
            var probes = candidates.Select(c =>
                $"EXISTS (SELECT 1 FROM \"{c.Table}\" WHERE \"{c.ConnectorColumn}\" = {PlainSql.AddParameter(command, c.ConnectorId)} AND \"{c.JsonColumn}\" LIKE {PlainSql.AddParameter(command, c.Pattern)})");
            command.CommandText = "SELECT " + string.Join(" OR ", probes) + ";";
        }, reader => reader.GetInt64(0) != 0, cancellationToken);
    }

    // A clear secret is stored as "key":"text", a sealed one as "key":{…}; an embedded file carries "data":"…".
    private static IEnumerable<string> Patterns(IReadOnlyList<FieldSchema> fields) =>
        fields.Where(f => f.Type == FieldType.Secret).Select(f => $"%\"{f.Key}\":\"%")
            .Concat(fields.Where(f => f.Type == FieldType.File).Select(f => $"%\"{f.Key}\":{{%\"{FileFields.DataKey}\":\"%"));

    private static async Task UpgradeTableAsync<TSetting>(HostDbContext db, IQueryable<TSetting> rows, string connectorId, IReadOnlyList<FieldSchema> fields, ConnectorSchema schema,
        SettingsSecrets secrets, DateTime now, HashSet<IConnectorSetting> upgraded, CancellationToken cancellationToken)
        where TSetting : class, IConnectorSetting
    {
        foreach (var pattern in Patterns(fields))
        {
            var candidates = await rows.Where(s => s.ConnectorId == connectorId && EF.Functions.Like(s.Json, pattern)).ToListAsync(cancellationToken);
            await UpgradeAsync(db, candidates, schema, secrets, now, upgraded, cancellationToken);
        }
    }

    private static async Task UpgradeAsync(HostDbContext db, IEnumerable<IConnectorSetting> documents, ConnectorSchema schema, SettingsSecrets secrets, DateTime now,
        HashSet<IConnectorSetting> upgraded, CancellationToken cancellationToken)
    {
        foreach (var document in documents)
        {
            var fields = ConnectorSettings.Owners.SettingsOwnerKind.Of(document).Fields(schema);
            var stored = DirectoryQueries.Parse(document.Json);
            var upgradedJson = secrets.Seal(fields, await FileFields.StoreAsync(db, fields, stored, now, cancellationToken), stored, now).ToJsonString();
            if (upgradedJson != document.Json)
            {
                document.Json = upgradedJson;
                upgraded.Add(document);
            }
        }
    }
}
