using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConnectorHost.Core.Persistence.Migrations
{
    /// <summary>
    /// Settings lookup for keyed checks (<c>IDirectoryReader.FindUsersBySettingAsync</c>; docs/performance.md, "Bulk
    /// import"): table <c>SettingLookup</c> with one row per top-level string or integer of each user's connector
    /// settings, indexed by (connector, field, value), filled from the stored documents and kept in step by triggers on
    /// <c>UserConnectorSettings</c>. Not part of the EF model on purpose (like <see cref="UserSearch"/>): the model
    /// snapshot stays unchanged. A later migration that rebuilds UserConnectorSettings (EF's SQLite table rebuild) drops
    /// the triggers: it must run <see cref="SettingLookupSql.Create"/> again (SettingLookupTests fails otherwise).
    /// </summary>
    public partial class SettingLookup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SettingLookupSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SettingLookupSql.Drop);
        }
    }
}
