namespace ConnectorHost.Core.Persistence;

/// <summary>
/// The SQL of the settings lookup (docs/performance.md, "Bulk import"): table <c>SettingLookup</c> holds one row per
/// top-level string or integer field of every user's connector settings document (connector, field, value, user), with
/// an index on (connector, field, value), kept in step by three triggers on <c>UserConnectorSettings</c>. Triggers run
/// inside the writing statement, so a lookup on the same connection sees what its transaction wrote before (an import's
/// earlier rows), and every write path (EF saves, raw SQL, cascades) keeps it right. Secrets and files are kept as
/// objects, so they are never in it. <c>Value</c> compares with NOCASE (ASCII case folding): one index answers exact
/// lookups (the host then compares exactly) and <see cref="Sdk.Hosting.SettingMatch.IgnoreAsciiCase"/>. Not part of the
/// EF model, like the user search: a later migration that rebuilds <c>UserConnectorSettings</c> drops the triggers and
/// must run <see cref="Create"/> again (SettingLookupTests checks the triggers after every migration).
/// </summary>
internal static class SettingLookupSql
{
    /// <summary>Names of the triggers that must exist after every migration.</summary>
    public static readonly string[] Triggers = ["UserConnectorSettings_lookup_insert", "UserConnectorSettings_lookup_delete", "UserConnectorSettings_lookup_update"];

    private const string AllSettings = "\"UserConnectorSettings\" AS s, ";

    public static readonly string Create = $"""
        DROP TRIGGER IF EXISTS "UserConnectorSettings_lookup_insert";
        DROP TRIGGER IF EXISTS "UserConnectorSettings_lookup_delete";
        DROP TRIGGER IF EXISTS "UserConnectorSettings_lookup_update";
        DROP TABLE IF EXISTS "SettingLookup";
        CREATE TABLE "SettingLookup" (
            "ConnectorId" TEXT NOT NULL,
            "Field" TEXT NOT NULL,
            "Value" TEXT NOT NULL COLLATE NOCASE,
            "UserId" TEXT NOT NULL);
        CREATE INDEX "IX_SettingLookup_Key" ON "SettingLookup" ("ConnectorId", "Field", "Value");
        CREATE INDEX "IX_SettingLookup_Owner" ON "SettingLookup" ("UserId", "ConnectorId");
        CREATE TRIGGER "UserConnectorSettings_lookup_insert" AFTER INSERT ON "UserConnectorSettings" BEGIN
            {RowsOf("new", "")};
        END;
        CREATE TRIGGER "UserConnectorSettings_lookup_delete" AFTER DELETE ON "UserConnectorSettings" BEGIN
            DELETE FROM "SettingLookup" WHERE "UserId" = old."UserId" AND "ConnectorId" = old."ConnectorId";
        END;
        CREATE TRIGGER "UserConnectorSettings_lookup_update" AFTER UPDATE OF "Json", "UserId", "ConnectorId" ON "UserConnectorSettings" BEGIN
            DELETE FROM "SettingLookup" WHERE "UserId" = old."UserId" AND "ConnectorId" = old."ConnectorId";
            {RowsOf("new", "")};
        END;
        {RowsOf("s", AllSettings)};
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS "UserConnectorSettings_lookup_insert";
        DROP TRIGGER IF EXISTS "UserConnectorSettings_lookup_delete";
        DROP TRIGGER IF EXISTS "UserConnectorSettings_lookup_update";
        DROP TABLE IF EXISTS "SettingLookup";
        """;

    /// <summary>The users of one connector with one field's value (NOCASE: the caller compares exactly where it must).</summary>
    public static FormattableString Find(string connectorId, string field, string value) => $"""
        SELECT "UserId" AS "Value" FROM "SettingLookup" WHERE "ConnectorId" = {connectorId} AND "Field" = {field} AND "Value" = {value}
        """;

    /// <summary>Every value of one connector's field with its user; parameters $connector and $field.</summary>
    public const string ValuesOf = """
        SELECT "UserId", "Value" FROM "SettingLookup" WHERE "ConnectorId" = $connector AND "Field" = $field
        """;

    /// <summary>
    /// The lookup rows of the settings row <paramref name="alias"/>: its top-level strings and integers ('$' keys are the
    /// host's own). A document that is not a JSON object adds none (json_each would fail on malformed text and refuse the write).
    /// </summary>
    private static string RowsOf(string alias, string from) => $$"""
        INSERT INTO "SettingLookup" ("ConnectorId", "Field", "Value", "UserId")
            SELECT {{alias}}."ConnectorId", j."key", j."value", {{alias}}."UserId"
            FROM {{from}}json_each(CASE WHEN json_valid({{alias}}."Json") AND json_type({{alias}}."Json") = 'object' THEN {{alias}}."Json" ELSE '{}' END) AS j
            WHERE j."type" IN ('text', 'integer') AND substr(j."key", 1, 1) <> '$'
        """;
}
