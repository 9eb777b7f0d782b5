using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectorHost.Sdk.Schema;

/// <summary>The outcome of checking a settings document against a schema.</summary>
/// <param name="Settings">The document with defaults applied and values normalized (e.g. trimmed text).</param>
/// <param name="Errors">Every field error found; empty when the document is valid.</param>
public sealed record SchemaValidationResult(JsonObject Settings, IReadOnlyList<FieldError> Errors)
{
    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Things that do not stop the change (e.g. a value for a hidden field); present on valid results too.</summary>
    public IReadOnlyList<FieldWarning> Warnings { get; init; } = [];
}

/// <summary>
/// Applies the generic rules of a <see cref="FieldSchema"/> list to a settings document. The host runs it
/// before a connector's own validation; connectors may run it too (e.g. on connector-level settings).
/// </summary>
public static class SchemaValidator
{
    /// <summary>The text that stands for "keep the stored secret" when a form sends a masked secret back.</summary>
    public const string SecretMask = "********";

    /// <summary>Checks <paramref name="settings"/>; <paramref name="previous"/> is the stored document (null on create).</summary>
    public static SchemaValidationResult Validate(IReadOnlyList<FieldSchema> schema, JsonObject? settings, JsonObject? previous = null) =>
        Validate(schema, settings, previous, connectorOptions: null);

    /// <summary>
    /// Checks <paramref name="settings"/> like <see cref="Validate(IReadOnlyList{FieldSchema}, JsonObject?, JsonObject?)"/>;
    /// <paramref name="connectorOptions"/> holds the current allowed values of fields marked
    /// <see cref="FieldSchema.OptionsFromConnector"/> by key. Such a field without an entry fails with
    /// <see cref="FieldErrorCodes.OptionsUnavailable"/> when it has a value.
    /// </summary>
    public static SchemaValidationResult Validate(
        IReadOnlyList<FieldSchema> schema,
        JsonObject? settings,
        JsonObject? previous,
        IReadOnlyDictionary<string, IReadOnlyList<AllowedValue>>? connectorOptions)
    {
        var errors = new List<FieldError>();
        var warnings = new List<FieldWarning>();
        var input = settings ?? new JsonObject();
        var result = new JsonObject();
        var known = schema.ToDictionary(f => f.Key, StringComparer.Ordinal);

        foreach (var (key, _) in input)
        {
            if (!known.ContainsKey(key))
            {
                errors.Add(Error(key, $"'{key}' is not a known field.", FieldErrorCodes.UnknownField));
            }
        }

        var conditionValues = ConditionValues(schema, known, input, previous, connectorOptions);
        foreach (var field in schema)
        {
            input.TryGetPropertyValue(field.Key, out var value);
            var before = previous is not null && previous.TryGetPropertyValue(field.Key, out var p) ? p : null;
            var visible = field.VisibleWhen is null || Holds(field.VisibleWhen, conditionValues);
            var required = visible && (field.Required || (field.RequiredWhen is { } when && Holds(when, conditionValues)));

            // A masked secret sent back unchanged keeps the stored value.
            if (field.Type == FieldType.Secret && value is JsonValue masked && masked.TryGetValue(out string? m) && m == SecretMask)
            {
                value = before?.DeepClone();
            }

            var keepsStored = field.ReadOnlyAfterCreate && previous is not null && !IsEmpty(before);
            var sent = !IsEmpty(value);
            if (IsEmpty(value))
            {
                // A PUT replaces the document: an omitted field gets its default again, except a read-only
                // field, which keeps the value it was created with.
                value = keepsStored ? before!.DeepClone() : field.Default?.DeepClone();
            }

            if (IsEmpty(value))
            {
                if (required)
                {
                    errors.Add(Error(field.Key, field.RequiredWhen is { } cause && !field.Required
                        ? $"{field.Label.En} is required while {LabelOf(known, cause.Field)} is {cause.Is?.ToJsonString() ?? "empty"}."
                        : $"{field.Label.En} is required.", FieldErrorCodes.Required));
                }
                continue;
            }

            var normalized = CheckValue(field, value!, required, Options(field, connectorOptions), errors);
            if (keepsStored && normalized is not null && !JsonNode.DeepEquals(before, normalized))
            {
                // Compared after normalizing, so " ann " or another letter case of the same enum value is no change.
                errors.Add(Error(field.Key, $"{field.Label.En} cannot be changed after creation.", FieldErrorCodes.ReadOnly));
                normalized = before!.DeepClone();
            }
            if (normalized is not null)
            {
                result[field.Key] = normalized;
                if (sent && !visible)
                {
                    warnings.Add(new FieldWarning(field.Key,
                        $"{field.Label.En} has no effect while {LabelOf(known, field.VisibleWhen!.Field)} is not {field.VisibleWhen.Is?.ToJsonString() ?? "empty"}; the value is kept.",
                        FieldWarningCodes.HiddenField));
                }
            }
        }

        return new SchemaValidationResult(result, errors) { Warnings = warnings };
    }

    /// <summary>True when the field is shown for this (normalized) document; see <see cref="FieldSchema.VisibleWhen"/>.</summary>
    public static bool IsVisible(FieldSchema field, JsonObject settings) =>
        field.VisibleWhen is null || Holds(field.VisibleWhen, settings);

    /// <summary>
    /// Whether a <see cref="FieldSchema.VisibleWhen"/> or <see cref="FieldSchema.RequiredWhen"/> condition holds for a
    /// document as entered (e.g. a form), judged as <see cref="Validate(IReadOnlyList{FieldSchema}, JsonObject?, JsonObject?)"/>
    /// judges it: the other field's value normalized, its default when empty.
    /// </summary>
    public static bool ConditionHolds(IReadOnlyList<FieldSchema> schema, FieldCondition condition, JsonObject settings,
        IReadOnlyDictionary<string, IReadOnlyList<AllowedValue>>? connectorOptions = null) =>
        Holds(condition, ConditionValues(schema, schema.ToDictionary(f => f.Key, StringComparer.Ordinal), settings, previous: null, connectorOptions));

    // The values conditions look at, normalized and with defaults, computed before the main pass so that a
    // condition may refer to a field listed after the one it guards.
    private static JsonObject ConditionValues(
        IReadOnlyList<FieldSchema> schema,
        Dictionary<string, FieldSchema> known,
        JsonObject input,
        JsonObject? previous,
        IReadOnlyDictionary<string, IReadOnlyList<AllowedValue>>? connectorOptions)
    {
        var values = new JsonObject();
        var referenced = schema.SelectMany(f => new[] { f.RequiredWhen?.Field, f.VisibleWhen?.Field }).OfType<string>().Distinct();
        foreach (var key in referenced)
        {
            if (!known.TryGetValue(key, out var field))
            {
                continue;
            }
            input.TryGetPropertyValue(key, out var value);
            if (IsEmpty(value) && previous is not null && field.ReadOnlyAfterCreate && previous.TryGetPropertyValue(key, out var stored))
            {
                value = stored;
            }
            if (IsEmpty(value))
            {
                value = field.Default;
            }
            if (!IsEmpty(value))
            {
                values[key] = CheckValue(field, value!, required: false, Options(field, connectorOptions), []);
            }
        }
        return values;
    }

    private static bool Holds(FieldCondition condition, JsonObject values)
    {
        values.TryGetPropertyValue(condition.Field, out var actual);
        var wanted = condition.Is is null ? null : JsonNode.Parse(condition.Is.ToJsonString());
        return JsonNode.DeepEquals(actual is null ? null : JsonNode.Parse(actual.ToJsonString()), wanted);
    }

    private static string LabelOf(Dictionary<string, FieldSchema> known, string key) =>
        known.TryGetValue(key, out var field) ? field.Label.En : key;

    private static IReadOnlyList<AllowedValue>? Options(FieldSchema field, IReadOnlyDictionary<string, IReadOnlyList<AllowedValue>>? connectorOptions) =>
        field.OptionsFromConnector
            ? connectorOptions is not null && connectorOptions.TryGetValue(field.Key, out var list) ? list : null
            : field.AllowedValues ?? [];

    private static FieldError Error(string field, string message, string code) => new(field, message) { Code = code };

    /// <summary>Returns a copy of the document in which every secret field is replaced by <see cref="SecretMask"/>.</summary>
    public static JsonObject MaskSecrets(IReadOnlyList<FieldSchema> schema, JsonObject settings)
    {
        var copy = (JsonObject)settings.DeepClone();
        foreach (var field in schema.Where(f => f.Type == FieldType.Secret))
        {
            if (copy.ContainsKey(field.Key) && !IsEmpty(copy[field.Key]))
            {
                copy[field.Key] = SecretMask;
            }
        }
        return copy;
    }

    private static bool IsEmpty(JsonNode? value) =>
        value is null
        || (value is JsonValue v && v.TryGetValue(out string? s) && string.IsNullOrWhiteSpace(s));

    private static JsonNode? CheckValue(FieldSchema field, JsonNode value, bool required, IReadOnlyList<AllowedValue>? allowed, List<FieldError> errors)
    {
        var label = field.Label.En;
        if (field.Type is FieldType.Enum or FieldType.MultiEnum && allowed is null)
        {
            errors.Add(Error(field.Key, $"{label}: the list of allowed values could not be loaded from the connector yet; try again when the vendor is reachable.", FieldErrorCodes.OptionsUnavailable));
            return null;
        }
        switch (field.Type)
        {
            case FieldType.Bool:
                if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    return value.DeepClone();
                }
                errors.Add(Error(field.Key, $"{label} must be true or false.", FieldErrorCodes.WrongType));
                return null;

            case FieldType.Int:
                if (!TryGetInt(value, out var number))
                {
                    errors.Add(Error(field.Key, $"{label} must be a whole number.", FieldErrorCodes.WrongType));
                    return null;
                }
                if (field.Min is { } min && number < min || field.Max is { } max && number > max)
                {
                    errors.Add(Error(field.Key, $"{label} must be between {field.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {field.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}; got {number.ToString(CultureInfo.InvariantCulture)}.", FieldErrorCodes.OutOfRange));
                    return null;
                }
                return JsonValue.Create(number);

            case FieldType.Enum:
                {
                    if (!TryGetString(value, out var text))
                    {
                        errors.Add(Error(field.Key, $"{label} must be one of: {AllowedList(allowed)}.", FieldErrorCodes.WrongType));
                        return null;
                    }
                    var match = allowed!.FirstOrDefault(a => string.Equals(a.Value, text, StringComparison.OrdinalIgnoreCase));
                    if (match is null)
                    {
                        errors.Add(Error(field.Key, field.OptionsFromConnector
                            ? $"{label}: '{text}' is not offered by the connector (any more; it may have been deleted at the vendor). Offered now: {OfferedList(allowed)}."
                            : $"{label} must be one of: {AllowedList(allowed)}; got '{text}'.", FieldErrorCodes.NotAllowed));
                        return null;
                    }
                    return JsonValue.Create(match.Value);
                }

            case FieldType.MultiEnum:
                {
                    if (value is not JsonArray array)
                    {
                        errors.Add(Error(field.Key, $"{label} must be a list of: {AllowedList(allowed)}.", FieldErrorCodes.WrongType));
                        return null;
                    }
                    var chosen = new List<string>();
                    foreach (var item in array)
                    {
                        var match = TryGetString(item, out var text)
                            ? allowed!.FirstOrDefault(a => string.Equals(a.Value, text, StringComparison.OrdinalIgnoreCase))
                            : null;
                        if (match is null)
                        {
                            errors.Add(Error(field.Key, field.OptionsFromConnector && text is not null
                                ? $"{label}: '{text}' is not offered by the connector (any more; it may have been deleted at the vendor). Offered now: {OfferedList(allowed)}."
                                : $"{label} contains '{item?.ToJsonString()}', which is not one of: {AllowedList(allowed)}.", FieldErrorCodes.NotAllowed));
                            return null;
                        }
                        if (chosen.Contains(match.Value))
                        {
                            errors.Add(Error(field.Key, $"{label} lists '{match.Value}' twice.", FieldErrorCodes.Duplicate));
                            return null;
                        }
                        chosen.Add(match.Value);
                    }
                    if (required && field.Min is null && chosen.Count == 0)
                    {
                        errors.Add(Error(field.Key, $"{label} is required; choose at least one.", FieldErrorCodes.Required));
                        return null;
                    }
                    if (field.Min is { } minCount && chosen.Count < minCount || field.Max is { } maxCount && chosen.Count > maxCount)
                    {
                        errors.Add(Error(field.Key, $"{label} must have between {field.Min ?? 0} and {field.Max?.ToString(CultureInfo.InvariantCulture) ?? "any number of"} entries; got {chosen.Count}.", FieldErrorCodes.OutOfRange));
                        return null;
                    }
                    return new JsonArray(chosen.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
                }

            case FieldType.String:
            case FieldType.Secret:
                {
                    if (!TryGetString(value, out var text))
                    {
                        errors.Add(Error(field.Key, $"{label} must be text.", FieldErrorCodes.WrongType));
                        return null;
                    }
                    text = field.Type == FieldType.String ? text.Trim() : text;
                    if (field.MinLength is { } minLength && text.Length < minLength)
                    {
                        errors.Add(Error(field.Key, $"{label} must be at least {minLength} characters long.", FieldErrorCodes.TooShort));
                        return null;
                    }
                    if (field.MaxLength is { } maxLength && text.Length > maxLength)
                    {
                        errors.Add(Error(field.Key, $"{label} must be at most {maxLength} characters long.", FieldErrorCodes.TooLong));
                        return null;
                    }
                    if (field.Pattern is { } pattern && !Regex.IsMatch(text, $"^(?:{pattern})\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add(Error(field.Key, field.PatternMessage ?? $"{label} has an invalid format.", FieldErrorCodes.Format));
                        return null;
                    }
                    return JsonValue.Create(text);
                }

            case FieldType.Email:
                {
                    if (!TryGetString(value, out var text) || !IsEmail(text.Trim()))
                    {
                        errors.Add(Error(field.Key, $"{label} must be an e-mail address.", FieldErrorCodes.Format));
                        return null;
                    }
                    return JsonValue.Create(text.Trim());
                }

            case FieldType.Phone:
                {
                    // Generic check only (E.164 shape); connectors normalize national formats with their own region rules.
                    if (!TryGetString(value, out var text) || !Regex.IsMatch(text.Trim(), @"^\+[1-9]\d{6,14}$"))
                    {
                        errors.Add(Error(field.Key, $"{label} must be a phone number in E.164 form, e.g. +4930123456.", FieldErrorCodes.Format));
                        return null;
                    }
                    return JsonValue.Create(text.Trim());
                }

            case FieldType.File:
                return CheckFile(field, value, errors);

            case FieldType.StringList:
                return CheckStringList(field, value, required, errors);

            default:
                errors.Add(Error(field.Key, $"{label} has an unsupported field type {field.Type}.", FieldErrorCodes.Invalid));
                return null;
        }
    }

    private static JsonNode? CheckFile(FieldSchema field, JsonNode value, List<FieldError> errors)
    {
        var label = field.Label.En;
        if (value is not JsonObject file
            || !TryGetString(file["fileName"], out var fileName)
            || !TryGetString(file["data"], out var data))
        {
            errors.Add(Error(field.Key, $"{label} must be an object with 'fileName' and base64 'data'.", FieldErrorCodes.WrongType));
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            errors.Add(Error(field.Key, $"{label}: 'data' is not valid base64.", FieldErrorCodes.Format));
            return null;
        }
        if (bytes.Length == 0)
        {
            errors.Add(Error(field.Key, $"{label} is an empty file.", FieldErrorCodes.Invalid));
            return null;
        }
        if (field.MaxLength is { } max && bytes.Length > max)
        {
            errors.Add(Error(field.Key, $"{label} is {bytes.Length} bytes; at most {max} bytes are allowed.", FieldErrorCodes.TooLong));
            return null;
        }
        var sniffed = FileContentSniffer.Detect(bytes);
        if (field.AcceptedContentTypes is { Count: > 0 } accepted && (sniffed is null || !accepted.Contains(sniffed, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(Error(field.Key, $"{label} must be one of {string.Join(", ", accepted)} (checked by content); '{fileName}' is {sniffed ?? "not a recognised format"}.", FieldErrorCodes.FileType));
            return null;
        }
        return new JsonObject
        {
            // Browsers on Windows send C:\\fakepath\\name.wav; keep only the name on every platform.
            ["fileName"] = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..],
            ["contentType"] = sniffed ?? "application/octet-stream",
            ["data"] = data,
        };
    }

    private static JsonNode? CheckStringList(FieldSchema field, JsonNode value, bool required, List<FieldError> errors)
    {
        var label = field.Label.En;
        if (value is not JsonArray array)
        {
            errors.Add(Error(field.Key, $"{label} must be a list of texts.", FieldErrorCodes.WrongType));
            return null;
        }
        var items = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{field.Key}[{i}]";
            if (!TryGetString(array[i], out var text) || string.IsNullOrWhiteSpace(text))
            {
                errors.Add(Error(path, $"{label}: entry {i + 1} must be non-empty text.", FieldErrorCodes.WrongType));
                continue;
            }
            text = text.Trim();
            if (field.MaxLength is { } maxLength && text.Length > maxLength)
            {
                errors.Add(Error(path, $"{label}: entry {i + 1} must be at most {maxLength} characters long.", FieldErrorCodes.TooLong));
                continue;
            }
            if (field.Pattern is { } pattern && !Regex.IsMatch(text, $"^(?:{pattern})\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                errors.Add(Error(path, $"{label}: entry {i + 1} ('{text}'): {field.PatternMessage ?? "invalid format"}.", FieldErrorCodes.Format));
                continue;
            }
            items.Add(text);
        }
        if (required && field.Min is null && array.Count == 0)
        {
            errors.Add(Error(field.Key, $"{label} is required; add at least one entry.", FieldErrorCodes.Required));
            return null;
        }
        if (items.Count < array.Count)
        {
            // Entry errors are reported; a count error on top would contradict them.
            return null;
        }
        if (field.Min is { } minCount && items.Count < minCount || field.Max is { } maxCount && items.Count > maxCount)
        {
            errors.Add(Error(field.Key, $"{label} must have between {field.Min ?? 0} and {field.Max?.ToString(CultureInfo.InvariantCulture) ?? "any number of"} entries; got {array.Count}.", FieldErrorCodes.OutOfRange));
            return null;
        }
        return new JsonArray(items.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
    }

    private static string AllowedList(IReadOnlyList<AllowedValue>? allowed) =>
        string.Join(", ", allowed?.Select(a => a.Value) ?? []);

    // Vendor lists are often ids with names (a role "7" called "Supervisor"): show both, so the admin recognises the entry.
    private static string OfferedList(IReadOnlyList<AllowedValue>? allowed) =>
        allowed is null or { Count: 0 } ? "nothing" : string.Join(", ", allowed.Select(a => a.Label.En == a.Value ? a.Value : $"{a.Value} ({a.Label.En})"));

    private static bool TryGetString(JsonNode? node, out string text)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.TryGetValue(out string? s))
        {
            text = s;
            return true;
        }
        text = "";
        return false;
    }

    private static bool TryGetInt(JsonNode value, out long number)
    {
        number = 0;
        if (value is not JsonValue v)
        {
            return false;
        }
        var kind = v.GetValueKind();
        // Read through the JSON text so values built in code (int, long, double) and parsed ones behave alike.
        var text = kind == JsonValueKind.String ? v.GetValue<string>() : kind == JsonValueKind.Number ? v.ToJsonString() : null;
        if (text is null || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return false;
        }
        // Accept 4 and 4.0 but not 4.5.
        if (decimal.Truncate(d) != d || d > long.MaxValue || d < long.MinValue)
        {
            return false;
        }
        number = (long)d;
        return true;
    }

    private static bool IsEmail(string text) =>
        text.Length <= 254
        && MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && text.Contains('.', StringComparison.Ordinal);
}
