using System.Text.Json.Nodes;

namespace ConnectorHost.Sdk.Schema;

/// <summary>The value types a settings field can have.</summary>
public enum FieldType
{
    /// <summary>Free text; <see cref="FieldSchema.MinLength"/>, <see cref="FieldSchema.MaxLength"/> and <see cref="FieldSchema.Pattern"/> apply.</summary>
    String,
    /// <summary>true / false.</summary>
    Bool,
    /// <summary>Whole number; <see cref="FieldSchema.Min"/> and <see cref="FieldSchema.Max"/> apply.</summary>
    Int,
    /// <summary>One of <see cref="FieldSchema.AllowedValues"/>.</summary>
    Enum,
    /// <summary>A JSON array of distinct values from <see cref="FieldSchema.AllowedValues"/>; Min/Max bound the count.</summary>
    MultiEnum,
    /// <summary>Text that is never shown back, logged or audited (passwords, API keys).</summary>
    Secret,
    /// <summary>An e-mail address.</summary>
    Email,
    /// <summary>A phone number, stored in E.164 form.</summary>
    Phone,
    /// <summary>An uploaded file: <c>{ "fileName", "contentType", "data" (base64) }</c>; MaxLength bounds the decoded size in bytes.</summary>
    File,
    /// <summary>A JSON array of texts; each item must match <see cref="FieldSchema.Pattern"/> and MaxLength; Min/Max bound the count.</summary>
    StringList,
}

/// <summary>A label in the languages the vendor documents (English always, German where the vendor has it).</summary>
/// <param name="En">English text.</param>
/// <param name="De">German text, if the vendor provides one.</param>
public sealed record LocalizedText(string En, string? De = null)
{
    /// <summary>Lets a plain string stand for an English-only text.</summary>
    public static implicit operator LocalizedText(string en) => new(en);
}

/// <summary>One allowed value of an enum field.</summary>
/// <param name="Value">The stored value.</param>
/// <param name="Label">What the user sees.</param>
public sealed record AllowedValue(string Value, LocalizedText Label);

/// <summary>
/// Describes one settings field. The host enforces the generic rules (type, required, allowed values,
/// bounds, pattern, read-only-after-create); the connector adds its vendor rules when it validates.
/// </summary>
public sealed record FieldSchema
{
    /// <summary>Creates a field.</summary>
    public FieldSchema(string key, LocalizedText label, FieldType type)
    {
        Key = key;
        Label = label;
        Type = type;
    }

    /// <summary>JSON property name of the field in the settings document.</summary>
    public string Key { get; init; }

    /// <summary>Label shown to admins.</summary>
    public LocalizedText Label { get; init; }

    /// <summary>Value type.</summary>
    public FieldType Type { get; init; }

    /// <summary>Whether a value must be present (after defaults are applied).</summary>
    public bool Required { get; init; }

    /// <summary>Value used when the field is absent or blank in a saved document (on every save, not only on create).</summary>
    public JsonNode? Default { get; init; }

    /// <summary>Values an Enum / MultiEnum field accepts.</summary>
    public IReadOnlyList<AllowedValue>? AllowedValues { get; init; }

    /// <summary>Smallest number (Int) or smallest count (MultiEnum).</summary>
    public long? Min { get; init; }

    /// <summary>Largest number (Int) or largest count (MultiEnum).</summary>
    public long? Max { get; init; }

    /// <summary>Shortest text length (String, Secret).</summary>
    public int? MinLength { get; init; }

    /// <summary>Longest text length (String, Secret), or largest decoded size in bytes (File).</summary>
    public int? MaxLength { get; init; }

    /// <summary>Regular expression the whole text must match (String, Secret).</summary>
    public string? Pattern { get; init; }

    /// <summary>Message shown when <see cref="Pattern"/> does not match.</summary>
    public string? PatternMessage { get; init; }

    /// <summary>Section the field is grouped under in forms.</summary>
    public string? Section { get; init; }

    /// <summary>Help text for admins.</summary>
    public LocalizedText? Help { get; init; }

    /// <summary>
    /// The value can be set once and not changed afterwards, whoever set it: an admin on create (or while it is
    /// still empty), or the vendor through <see cref="Requests.PushResult.SettingsPatch"/>. A PUT that leaves it out keeps it.
    /// </summary>
    public bool ReadOnlyAfterCreate { get; init; }

    /// <summary>
    /// Secret fields only: the value is sent to the vendor once and then erased from the host after the first
    /// successful push (an initial password, a one-time PIN). Afterwards the host shows only when it was set, and
    /// the plugin's user context no longer carries it: a push without the field means "leave it at the vendor".
    /// </summary>
    public bool WriteOnly { get; init; }

    /// <summary>For File fields: the content types accepted (checked by content, not by name).</summary>
    public IReadOnlyList<string>? AcceptedContentTypes { get; init; }
}

/// <summary>The settings schemas of a connector.</summary>
/// <param name="Connector">Connector-level settings (from <c>plugins.json</c>).</param>
/// <param name="User">Settings stored per user for this connector.</param>
/// <param name="Group">Settings stored per group for this connector.</param>
public sealed record ConnectorSchema(
    IReadOnlyList<FieldSchema> Connector,
    IReadOnlyList<FieldSchema> User,
    IReadOnlyList<FieldSchema> Group)
{
    /// <summary>
    /// Settings stored per core role for this connector (e.g. the vendor profile or license a role stands for).
    /// Every user context carries them for each role the user holds (<see cref="Model.RoleContext"/>). Empty: the
    /// connector takes no role settings, and the host refuses them.
    /// </summary>
    public IReadOnlyList<FieldSchema> Role { get; init; } = [];

    /// <summary>A connector with no settings at all.</summary>
    public static ConnectorSchema Empty { get; } = new([], [], []);
}

/// <summary>A problem with one field. <see cref="Field"/> is the JSON key (or path such as <c>forwarding.destinations[1]</c>).</summary>
/// <param name="Field">The field the error is about.</param>
/// <param name="Message">A readable message that names what is wrong.</param>
public sealed record FieldError(string Field, string Message);
