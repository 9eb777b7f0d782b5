namespace ConnectorHost.Core.Persistence;

/// <summary>
/// The SQL of the user search index (FTS5 table <c>UserSearch</c> plus the three triggers that keep it in step with
/// <c>Users</c>). In one place so a migration that rebuilds the Users table can create it again: such a rebuild
/// drops the triggers and may renumber rowids, and <c>'rebuild'</c> re-reads every row. Run the same
/// <c>INSERT INTO UserSearch(UserSearch) VALUES('rebuild')</c> after a VACUUM, which may renumber rowids too.
/// </summary>
internal static class UserSearchSql
{
    /// <summary>Names of the triggers that must exist after every migration.</summary>
    public static readonly string[] Triggers = ["Users_search_insert", "Users_search_delete", "Users_search_update"];

    public const string Create = """
        DROP TRIGGER IF EXISTS "Users_search_insert";
        DROP TRIGGER IF EXISTS "Users_search_delete";
        DROP TRIGGER IF EXISTS "Users_search_update";
        DROP TABLE IF EXISTS "UserSearch";
        CREATE VIRTUAL TABLE "UserSearch" USING fts5(
            "Username", "FirstName", "LastName", "DisplayName", "Email", "Extension",
            content='Users', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
        CREATE TRIGGER "Users_search_insert" AFTER INSERT ON "Users" BEGIN
            INSERT INTO "UserSearch"(rowid, "Username", "FirstName", "LastName", "DisplayName", "Email", "Extension")
            VALUES (new.rowid, new."Username", new."FirstName", new."LastName", new."DisplayName", new."Email", new."Extension");
        END;
        CREATE TRIGGER "Users_search_delete" AFTER DELETE ON "Users" BEGIN
            INSERT INTO "UserSearch"("UserSearch", rowid, "Username", "FirstName", "LastName", "DisplayName", "Email", "Extension")
            VALUES ('delete', old.rowid, old."Username", old."FirstName", old."LastName", old."DisplayName", old."Email", old."Extension");
        END;
        CREATE TRIGGER "Users_search_update" AFTER UPDATE OF "Username", "FirstName", "LastName", "DisplayName", "Email", "Extension" ON "Users" BEGIN
            INSERT INTO "UserSearch"("UserSearch", rowid, "Username", "FirstName", "LastName", "DisplayName", "Email", "Extension")
            VALUES ('delete', old.rowid, old."Username", old."FirstName", old."LastName", old."DisplayName", old."Email", old."Extension");
            INSERT INTO "UserSearch"(rowid, "Username", "FirstName", "LastName", "DisplayName", "Email", "Extension")
            VALUES (new.rowid, new."Username", new."FirstName", new."LastName", new."DisplayName", new."Email", new."Extension");
        END;
        INSERT INTO "UserSearch"("UserSearch") VALUES ('rebuild');
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS "Users_search_insert";
        DROP TRIGGER IF EXISTS "Users_search_delete";
        DROP TRIGGER IF EXISTS "Users_search_update";
        DROP TABLE IF EXISTS "UserSearch";
        """;
}
