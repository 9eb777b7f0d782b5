using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConnectorHost.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ConnectorSyncState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConnectorSyncStates",
                columns: table => new
                {
                    ConnectorId = table.Column<string>(type: "TEXT", nullable: false),
                    Circuit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CircuitOpenUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PausedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PauseReason = table.Column<string>(type: "TEXT", nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectorSyncStates", x => x.ConnectorId);
                });

            // Finished delete jobs kept the deleted user's whole settings (secrets included) for no further use.
            migrationBuilder.Sql("UPDATE \"SyncJobs\" SET \"Snapshot\" = NULL WHERE \"Status\" IN ('Done', 'Discarded') AND \"Snapshot\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConnectorSyncStates");
        }
    }
}
