using System.Data.Common;
using ConnectorHost.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConnectorHost.Core.Imports;

/// <summary>
/// One prepared INSERT of whole entities of a type, in the context's open transaction, built from the EF model: the
/// same table, columns, type mappings and value converters EF's own save would use, without its per-entity command
/// pipeline (the import's batch path writes thousands of rows per batch with it).
/// </summary>
internal sealed class PreparedInsert : IDisposable
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, string Parameter)[] _columns;

    public PreparedInsert(HostDbContext db, Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties()
            // A key the database numbers itself (INTEGER PRIMARY KEY) is left to SQLite; Guid keys are set in code.
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType != typeof(Guid)))
            .ToList();
        if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new InvalidOperationException($"{type.Name}.{shadow.Name} is a shadow property; the prepared insert reads CLR properties only.");
        }
        _columns = [.. properties.Select((p, i) => (p, (RelationalTypeMapping)p.GetRelationalTypeMapping(), $"@p{i}"))];
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = (db.Database.CurrentTransaction ?? throw new InvalidOperationException("The prepared insert runs inside the import's transaction.")).GetDbTransaction();
        _command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", _columns.Select(c => $"\"{c.Property.GetColumnName(table)}\""))}) "
            + $"VALUES ({string.Join(", ", _columns.Select(c => c.Parameter))})";
    }

    public async Task InsertAsync(object entity, CancellationToken cancellationToken)
    {
        _command.Parameters.Clear();
        foreach (var (property, mapping, parameter) in _columns)
        {
            // CreateParameter applies the property's value converter and store type, as EF does for its own commands.
            _command.Parameters.Add(mapping.CreateParameter(_command, parameter, property.GetGetter().GetClrValueUsingContainingEntity(entity), property.IsNullable));
        }
        await _command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => _command.Dispose();
}
