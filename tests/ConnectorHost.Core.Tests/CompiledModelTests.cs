using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Persistence.CompiledModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ConnectorHost.Core.Tests;

/// <summary>
/// The host runs on the EF Core compiled model in Persistence/CompiledModel (it saves EF's model building at start-up).
/// It is generated code: when <c>HostDbContext.OnModelCreating</c> or an entity changes, these tests fail until it is
/// regenerated with the command in docs/performance.md ("Compiled model").
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate =
        "The compiled model is out of date; regenerate it: dotnet tool run dotnet-ef dbcontext optimize --project core/ConnectorHost.Core " +
        "--startup-project core/ConnectorHost.Core --output-dir Persistence/CompiledModel --namespace ConnectorHost.Core.Persistence.CompiledModel";

    [Fact]
    public void Model_HostContext_IsTheCompiledModel()
    {
        using var db = NewContext();

        db.Model.ShouldBeSameAs(HostDbContextModel.Instance);
    }

    [Fact]
    public void CompiledModel_ComparedWithOnModelCreating_SameTablesColumnsKeysAndIndexes()
    {
        using var db = NewContext();
        var designTime = db.GetService<IDesignTimeModel>().Model;

        DescribeTables(db.Model.GetRelationalModel()).ShouldBe(DescribeTables(designTime.GetRelationalModel()), Regenerate);
    }

    [Fact]
    public void CompiledModel_ComparedWithOnModelCreating_SameConvertersConcurrencyTokensAndRelationships()
    {
        using var db = NewContext();
        var designTime = db.GetService<IDesignTimeModel>().Model;

        Describe(db.Model).ShouldBe(Describe(designTime), Regenerate);
    }

    private static HostDbContext NewContext() =>
        new(new DbContextOptionsBuilder<HostDbContext>().UseConnectorHostSqlite("Data Source=compiled-model-check.db").Options);

    // The schema as SQLite sees it (the migrations diff needs design-time annotations the compiled model leaves out).
    private static List<string> DescribeTables(IRelationalModel model) =>
        model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).SelectMany(t =>
            t.Columns.Select(c => $"{t.Name}.{c.Name}: {c.StoreType} null={c.IsNullable}")
                .Append($"{t.Name} pk ({string.Join(",", t.PrimaryKey?.Columns.Select(c => c.Name) ?? [])})")
                .Concat(t.Indexes.Select(i => $"{t.Name} index {i.Name} ({string.Join(",", i.Columns.Select(c => c.Name))}) unique={i.IsUnique}"))
                .Concat(t.ForeignKeyConstraints.Select(f =>
                    $"{t.Name} fk {f.Name} ({string.Join(",", f.Columns.Select(c => c.Name))}) -> {f.PrincipalTable.Name} {f.OnDeleteAction}")))
            .Order(StringComparer.Ordinal)
            .ToList();

    // What the schema does not show but queries and saves depend on: CLR types, value conversions, concurrency
    // tokens, value generation, and how relationships cascade.
    private static List<string> Describe(IModel model) =>
        model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(e =>
            e.GetProperties().Select(p =>
                    $"{e.Name}.{p.Name}: {p.ClrType.Name} null={p.IsNullable} token={p.IsConcurrencyToken} generated={p.ValueGenerated} " +
                    $"converter={p.GetValueConverter()?.GetType().Name} provider={p.GetProviderClrType()?.Name} comparer={p.GetValueComparer().GetType().Name} max={p.GetMaxLength()}")
                .Concat(e.GetForeignKeys().Select(f =>
                    $"{e.Name} fk ({string.Join(",", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} {f.DeleteBehavior} required={f.IsRequired}"))
                .Concat(e.GetIndexes().Select(i => $"{e.Name} index ({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique}"))
                .Concat(e.GetKeys().Select(k => $"{e.Name} key ({string.Join(",", k.Properties.Select(p => p.Name))}) primary={k.IsPrimaryKey()}")))
            .Order(StringComparer.Ordinal)
            .ToList();
}
