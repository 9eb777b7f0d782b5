using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ConnectorHost.Core.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<HostDbContext>
{
    public HostDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HostDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable))
            .Options);
}
