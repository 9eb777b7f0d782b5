namespace ConnectorHost.Sdk.Schema;

/// <summary>The codes the SDK's validator and the host put on <see cref="FieldError.Code"/>; connectors may add their own.</summary>
public static class FieldErrorCodes
{
    /// <summary>Any other problem.</summary>
    public const string Invalid = "invalid";
    /// <summary>A value is missing.</summary>
    public const string Required = "required";
    /// <summary>The field is not in the schema.</summary>
    public const string UnknownField = "unknown_field";
    /// <summary>The JSON type is wrong (text for a number, ...).</summary>
    public const string WrongType = "wrong_type";
    /// <summary>A number or count is outside its bounds.</summary>
    public const string OutOfRange = "out_of_range";
    /// <summary>Text is shorter than allowed.</summary>
    public const string TooShort = "too_short";
    /// <summary>Text or file is longer than allowed.</summary>
    public const string TooLong = "too_long";
    /// <summary>Text does not match the field's pattern or format (e-mail, phone).</summary>
    public const string Format = "format";
    /// <summary>The value is not one of the allowed values.</summary>
    public const string NotAllowed = "not_allowed";
    /// <summary>A list holds the same value twice.</summary>
    public const string Duplicate = "duplicate";
    /// <summary>A read-only-after-create value was changed.</summary>
    public const string ReadOnly = "read_only";
    /// <summary>A file's content is not an accepted type.</summary>
    public const string FileType = "file_type";
    /// <summary>The allowed values come from the connector, and no list could be loaded yet.</summary>
    public const string OptionsUnavailable = "options_unavailable";
    /// <summary>The value clashes with other data (e.g. an extension someone else has).</summary>
    public const string Conflict = "conflict";
    /// <summary>A core field a connector needs would be cleared.</summary>
    public const string RequiredByConnector = "required_by_connector";
}
