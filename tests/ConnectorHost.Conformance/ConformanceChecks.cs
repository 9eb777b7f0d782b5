namespace ConnectorHost.Conformance;

/// <summary>The names of the checks the kit runs, as they appear in a <see cref="ConformanceReport"/>.</summary>
public static class ConformanceChecks
{
    /// <summary>The module loads with the subject's settings (ConfigureServices and DescribeConnector do not throw).</summary>
    public const string Loads = "loads";
    /// <summary>Manifest id equals the connector id; SDK version has the host's major and is not newer.</summary>
    public const string Manifest = "manifest";
    /// <summary>Every declared capability has its handler and every handled request is declared.</summary>
    public const string Capabilities = "capabilities";
    /// <summary>The connector settings pass the connector's own connector schema.</summary>
    public const string ConnectorSettings = "connector-settings";
    /// <summary>Every field default passes its own field's rules.</summary>
    public const string Defaults = "defaults";
    /// <summary>The sample user's settings are accepted (generic rules, then the connector's).</summary>
    public const string UserSettings = "user-settings";
    /// <summary>Every field error names a field of the schema; the refused samples are refused.</summary>
    public const string FieldErrors = "field-errors";
    /// <summary>A clash with another user's settings is flagged IsConflict (409).</summary>
    public const string ConflictFlag = "conflict-flag";
    /// <summary>The projection carries a match key and the vendor's record after a push has the same one.</summary>
    public const string MatchKey = "match-key";
    /// <summary>After a push, the vendor's list shows no difference to the projection.</summary>
    public const string NoPhantomDiff = "no-phantom-diff";
    /// <summary>A second push without a vendor id creates no second vendor record.</summary>
    public const string NoDuplicate = "no-duplicate";
    /// <summary>Deleting a user the vendor no longer has succeeds.</summary>
    public const string DeleteAbsent = "delete-absent";
    /// <summary>401 → VendorAuthenticationException.</summary>
    public const string Vendor401 = "vendor-401";
    /// <summary>429 with Retry-After → VendorUnavailableException carrying the wait.</summary>
    public const string Vendor429 = "vendor-429";
    /// <summary>500 and 503 → VendorUnavailableException.</summary>
    public const string Vendor5xx = "vendor-5xx";
    /// <summary>A garbage body → VendorUnavailableException.</summary>
    public const string VendorGarbage = "vendor-garbage";
    /// <summary>No answer within the connector's timeout → VendorUnavailableException.</summary>
    public const string VendorTimeout = "vendor-timeout";
    /// <summary>No secret value in projections, vendor lists, field errors, exceptions or logs.</summary>
    public const string Secrets = "secrets";
}
