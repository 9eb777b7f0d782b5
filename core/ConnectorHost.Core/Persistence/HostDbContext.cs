using System.Text.Json;
using ConnectorHost.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ConnectorHost.Core.Persistence;

/// <summary>
/// The core's tables. Saving also queues sync jobs and writes the audit trail: that is
/// <see cref="ChangeCaptureInterceptor"/>, reached through <see cref="ChangeCaptureRelay"/> in the context options, not code in here.
/// </summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__core_migrations";

    /// <summary>
    /// The change capture of the request that rented this (pooled) context, set by <c>AddConnectorHostCore</c>; a context
    /// built without it (migrations, tools) captures nothing.
    /// </summary>
    internal ChangeCaptureInterceptor? Capture { get; set; }

    // Back in the pool the context must not keep the last request's capture (actor, origin) alive or reachable.
    public override void Dispose()
    {
        Capture = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Capture = null;
        return base.DisposeAsync();
    }

    public DbSet<User> Users => Set<User>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<RoleComposite> RoleComposites => Set<RoleComposite>();
    public DbSet<UserGroup> UserGroups => Set<UserGroup>();
    public DbSet<UserRole> UserRoles => Set<UserRole>();
    public DbSet<GroupRole> GroupRoles => Set<GroupRole>();
    public DbSet<UserConnectorSetting> UserConnectorSettings => Set<UserConnectorSetting>();
    public DbSet<GroupConnectorSetting> GroupConnectorSettings => Set<GroupConnectorSetting>();
    public DbSet<RoleConnectorSetting> RoleConnectorSettings => Set<RoleConnectorSetting>();
    public DbSet<ConnectorDocument> ConnectorDocuments => Set<ConnectorDocument>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Sync.SyncJob> SyncJobs => Set<Sync.SyncJob>();
    public DbSet<Sync.VendorLink> VendorLinks => Set<Sync.VendorLink>();
    public DbSet<Sync.ConnectorSyncState> ConnectorSyncStates => Set<Sync.ConnectorSyncState>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<AdminAccount> AdminAccounts => Set<AdminAccount>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportRowResult> ImportRowResults => Set<ImportRowResult>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is written in UTC; SQLite forgets the kind, so say it again when reading (API clients
        // then get a trailing Z instead of guessing local time).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v,
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    internal sealed class NullableUtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue && v.Value.Kind == DateTimeKind.Local ? v.Value.ToUniversalTime() : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var stringList = new ValueComparer<List<string>>(
            (a, b) => a!.SequenceEqual(b!),
            v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
            v => v.ToList());
        var stringMap = new ValueComparer<Dictionary<string, string>>(
            (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
            v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key.GetHashCode(StringComparison.Ordinal), kv.Value.GetHashCode(StringComparison.Ordinal))),
            v => new Dictionary<string, string>(v));

        modelBuilder.Entity<User>(e =>
        {
            e.HasKey(u => u.Id);
            e.HasIndex(u => u.NormalizedUsername).IsUnique();
            e.HasIndex(u => u.Extension);
            e.Property(u => u.Username).HasMaxLength(128);
            e.Property(u => u.NormalizedUsername).HasMaxLength(128);
            e.Property(u => u.Version).IsConcurrencyToken();
            e.Property(u => u.PhoneNumbers).HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                v => JsonSerializer.Deserialize<List<string>>(v, (JsonSerializerOptions?)null) ?? new List<string>(),
                stringList);
            e.Property(u => u.Attributes).HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
                stringMap);
        });
        modelBuilder.Entity<Group>(e =>
        {
            e.HasKey(g => g.Id);
            e.HasIndex(g => g.NormalizedKey).IsUnique();
            e.HasOne<Group>().WithMany().HasForeignKey(g => g.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.Property(g => g.Version).IsConcurrencyToken();
            e.Property(g => g.Attributes).HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
                stringMap);
        });
        modelBuilder.Entity<Role>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.NormalizedKey).IsUnique();
            e.Property(r => r.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<RoleComposite>(e =>
        {
            e.HasKey(c => new { c.RoleId, c.IncludedRoleId });
            e.HasOne<Role>().WithMany().HasForeignKey(c => c.RoleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Role>().WithMany().HasForeignKey(c => c.IncludedRoleId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<UserGroup>(e =>
        {
            e.HasKey(m => new { m.UserId, m.GroupId });
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<UserRole>(e =>
        {
            e.HasKey(m => new { m.UserId, m.RoleId });
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Role>().WithMany().HasForeignKey(m => m.RoleId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<GroupRole>(e =>
        {
            e.HasKey(m => new { m.GroupId, m.RoleId });
            e.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Role>().WithMany().HasForeignKey(m => m.RoleId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<UserConnectorSetting>(e =>
        {
            e.HasKey(s => new { s.UserId, s.ConnectorId });
            e.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.ConnectorId);
            e.Property(s => s.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<GroupConnectorSetting>(e =>
        {
            e.HasKey(s => new { s.GroupId, s.ConnectorId });
            e.HasOne<Group>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.ConnectorId);
            e.Property(s => s.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<RoleConnectorSetting>(e =>
        {
            e.HasKey(s => new { s.RoleId, s.ConnectorId });
            e.HasOne<Role>().WithMany().HasForeignKey(s => s.RoleId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.ConnectorId);
            e.Property(s => s.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<ConnectorDocument>(e =>
        {
            e.HasKey(d => new { d.ConnectorId, d.Collection, d.Key });
            e.Property(d => d.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<Sync.SyncJob>(e =>
        {
            e.HasKey(j => j.Id);
            // The worker's query: due jobs of one connector, oldest first.
            e.HasIndex(j => new { j.ConnectorId, j.Status, j.NextAttemptAt });
            e.HasIndex(j => new { j.ConnectorId, j.EntityType, j.EntityId, j.Status });
            e.Property(j => j.EntityType).HasConversion<string>().HasMaxLength(16);
            e.Property(j => j.Operation).HasConversion<string>().HasMaxLength(16);
            e.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<Sync.VendorLink>(e =>
        {
            e.HasKey(l => new { l.ConnectorId, l.EntityType, l.EntityId });
            e.Property(l => l.EntityType).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(l => new { l.ConnectorId, l.VendorId });
        });
        modelBuilder.Entity<Sync.ConnectorSyncState>(e =>
        {
            e.HasKey(s => s.ConnectorId);
            e.Property(s => s.Circuit).HasMaxLength(16);
        });
        modelBuilder.Entity<AdminAccount>(e =>
        {
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.NormalizedUsername).IsUnique();
            e.Property(a => a.Username).HasMaxLength(64);
            e.Property(a => a.NormalizedUsername).HasMaxLength(64);
            e.Property(a => a.Role).HasConversion<string>().HasMaxLength(32);
        });
        modelBuilder.Entity<ApiKey>(e =>
        {
            e.HasKey(k => k.Id);
            e.HasIndex(k => k.KeyHash).IsUnique();
            e.HasIndex(k => k.NormalizedName).IsUnique();
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.NormalizedName).HasMaxLength(100);
            e.Property(k => k.KeyHash).HasMaxLength(64);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.Role).HasConversion<string>().HasMaxLength(32);
        });
        modelBuilder.Entity<StoredFile>(e =>
        {
            // Content-addressed: one row per distinct content, whatever the number of documents referring to it.
            e.HasKey(f => f.Sha256);
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.Property(f => f.ContentType).HasMaxLength(128);
        });
        modelBuilder.Entity<ImportJob>(e =>
        {
            e.HasKey(j => j.Id);
            e.HasIndex(j => j.State);
            e.Property(j => j.State).HasMaxLength(16);
            e.Property(j => j.Mode).HasMaxLength(16);
        });
        modelBuilder.Entity<ImportRowResult>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.JobId, r.Row });
            e.HasOne<ImportJob>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.EntityType, a.EntityId });
        });
    }
}
