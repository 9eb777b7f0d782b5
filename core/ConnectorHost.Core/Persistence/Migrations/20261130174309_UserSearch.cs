using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConnectorHost.Core.Persistence.Migrations
{
    /// <summary>
    /// Full-text index for user search (docs/performance.md, "Search"): an external-content FTS5 table over the
    /// searched columns of Users, keyed by the Users rowid, word-tokenised with prefix indexes (word-prefix, case- and
    /// diacritics-insensitive) and kept in step by triggers. Not part of the EF model on purpose: the model snapshot
    /// stays unchanged. A later migration that rebuilds the Users table (EF's SQLite table rebuild) drops these
    /// triggers and renumbers rowids: it must run <see cref="UserSearchSql.Create"/> again
    /// (UserSearchMigrationTests fails otherwise).
    /// </summary>
    public partial class UserSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(UserSearchSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(UserSearchSql.Drop);
        }
    }
}
