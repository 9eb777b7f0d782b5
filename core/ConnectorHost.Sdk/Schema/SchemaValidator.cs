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
    public static SchemaValidationResult Validate(IReadOnlyList<FieldSchema> schema, JsonObject? settings, JsonObject? previous = null)
    {
        var errors = new List<FieldError>();
        var input = settings ?? new JsonObject();
        var result = new JsonObject();
        var known = schema.ToDictionary(f => f.Key, StringComparer.Ordinal);

        foreach (var (key, _) in input)
        {
            if (!known.ContainsKey(key))
            {
                errors.Add(new FieldError(key, $"'{key}' is not a known field."));
            }
        }

        foreach (var field in schema)
        {
            input.TryGetPropertyValue(field.Key, out var value);
            var before = previous is not null && previous.TryGetPropertyValue(field.Key, out var p) ? p : null;

            // A masked secret sent back unchanged keeps the stored value.
            if (field.Type == FieldType.Secret && value is JsonValue masked && masked.TryGetValue(out string? m) && m == SecretMask)
            {
                value = before?.DeepClone();
            }

            var keepsStored = field.ReadOnlyAfterCreate && previous is not null && !IsEmpty(before);
            if (IsEmpty(value))
            {
                // A PUT replaces the document: an omitted field gets its default again, except a read-only
                // field, which keeps the value it was created with.
                value = keepsStored ? before!.DeepClone() : field.Default?.DeepClone();
            }

            if (IsEmpty(value))
            {
                if (field.Required)
                {
                    errors.Add(new FieldError(field.Key, $"{field.Label.En} is required."));
                }
                continue;
            }

            var normalized = CheckValue(field, value!, errors);
            if (keepsStored && normalized is not null && !JsonNode.DeepEquals(before, normalized))
            {
                // Compared after normalizing, so " ann " or another letter case of the same enum value is no change.
                errors.Add(new FieldError(field.Key, $"{field.Label.En} cannot be changed after creation."));
                normalized = before!.DeepClone();
            }
            if (normalized is not null)
            {
                result[field.Key] = normalized;
            }
        }

        return new SchemaValidationResult(result, errors);
    }

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

    private static JsonNode? CheckValue(FieldSchema field, JsonNode value, List<FieldError> errors)
    {
        var label = field.Label.En;
        switch (field.Type)
        {
            case FieldType.Bool:
                if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    return value.DeepClone();
                }
                errors.Add(new FieldError(field.Key, $"{label} must be true or false."));
                return null;

            case FieldType.Int:
                if (!TryGetInt(value, out var number))
                {
                    errors.Add(new FieldError(field.Key, $"{label} must be a whole number."));
                    return null;
                }
                if (field.Min is { } min && number < min || field.Max is { } max && number > max)
                {
                    errors.Add(new FieldError(field.Key, $"{label} must be between {field.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {field.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}; got {number.ToString(CultureInfo.InvariantCulture)}."));
                    return null;
                }
                return JsonValue.Create(number);

            case FieldType.Enum:
                {
                    if (!TryGetString(value, out var text))
                    {
                        errors.Add(new FieldError(field.Key, $"{label} must be one of: {AllowedList(field)}."));
                        return null;
                    }
                    var match = field.AllowedValues?.FirstOrDefault(a => string.Equals(a.Value, text, StringComparison.OrdinalIgnoreCase));
                    if (match is null)
                    {
                        errors.Add(new FieldError(field.Key, $"{label} must be one of: {AllowedList(field)}; got '{text}'."));
                        return null;
                    }
                    return JsonValue.Create(match.Value);
                }

            case FieldType.MultiEnum:
                {
                    if (value is not JsonArray array)
                    {
                        errors.Add(new FieldError(field.Key, $"{label} must be a list of: {AllowedList(field)}."));
                        return null;
                    }
                    var chosen = new List<string>();
                    foreach (var item in array)
                    {
                        var match = TryGetString(item, out var text)
                            ? field.AllowedValues?.FirstOrDefault(a => string.Equals(a.Value, text, StringComparison.OrdinalIgnoreCase))
                            : null;
                        if (match is null)
                        {
                            errors.Add(new FieldError(field.Key, $"{label} contains '{item?.ToJsonString()}', which is not one of: {AllowedList(field)}."));
                            return null;
                        }
                        if (chosen.Contains(match.Value))
                        {
                            errors.Add(new FieldError(field.Key, $"{label} lists '{match.Value}' twice."));
                            return null;
                        }
                        chosen.Add(match.Value);
                    }
                    if (field.Required && field.Min is null && chosen.Count == 0)
                    {
                        errors.Add(new FieldError(field.Key, $"{label} is required; choose at least one."));
                        return null;
                    }
                    if (field.Min is { } minCount && chosen.Count < minCount || field.Max is { } maxCount && chosen.Count > maxCount)
                    {
                        errors.Add(new FieldError(field.Key, $"{label} must have between {field.Min ?? 0} and {field.Max?.ToString(CultureInfo.InvariantCulture) ?? "any number of"} entries; got {chosen.Count}."));
                        return null;
                    }
                    return new JsonArray(chosen.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
                }

            case FieldType.String:
            case FieldType.Secret:
                {
                    if (!TryGetString(value, out var text))
                    {
                        errors.Add(new FieldError(field.Key, $"{label} must be text."));
                        return null;
                    }
                    text = field.Type == FieldType.String ? text.Trim() : text;
                    if (field.MinLength is { } minLength && text.Length < minLength)
                    {
                        errors.Add(new FieldError(field.Key, $"{label} must be at least {minLength} characters long."));
                        return null;
                    }
                    if (field.MaxLength is { } maxLength && text.Length > maxLength)
                    {
                        errors.Add(new FieldError(field.Key, $"{label} must be at most {maxLength} characters long."));
                        return null;
                    }
                    if (field.Pattern is { } pattern && !Regex.IsMatch(text, $"^(?:{pattern})\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add(new FieldError(field.Key, field.PatternMessage ?? $"{label} has an invalid format."));
                        return null;
                    }
                    return JsonValue.Create(text);
                }

            case FieldType.Email:
                {
                    if (!TryGetString(value, out var text) || !IsEmail(text.Trim()))
                    {
                        errors.Add(new FieldError(field.Key, $"{label} must be an e-mail address."));
                        return null;
                    }
                    return JsonValue.Create(text.Trim());
                }

            case FieldType.Phone:
                {
                    // Generic check only (E.164 shape); connectors normalize national formats with their own region rules.
                    if (!TryGetString(value, out var text) || !Regex.IsMatch(text.Trim(), @"^\+[1-9]\d{6,14}$"))
                    {
                        errors.Add(new FieldError(field.Key, $"{label} must be a phone number in E.164 form, e.g. +4930123456."));
                        return null;
                    }
                    return JsonValue.Create(text.Trim());
                }

            case FieldType.File:
                return CheckFile(field, value, errors);

            case FieldType.StringList:
                return CheckStringList(field, value, errors);

            default:
                errors.Add(new FieldError(field.Key, $"{label} has an unsupported field type {field.Type}."));
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
            errors.Add(new FieldError(field.Key, $"{label} must be an object with 'fileName' and base64 'data'."));
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            errors.Add(new FieldError(field.Key, $"{label}: 'data' is not valid base64."));
            return null;
        }
        if (bytes.Length == 0)
        {
            errors.Add(new FieldError(field.Key, $"{label} is an empty file."));
            return null;
        }
        if (field.MaxLength is { } max && bytes.Length > max)
        {
            errors.Add(new FieldError(field.Key, $"{label} is {bytes.Length} bytes; at most {max} bytes are allowed."));
            return null;
        }
        var sniffed = FileContentSniffer.Detect(bytes);
        if (field.AcceptedContentTypes is { Count: > 0 } accepted && (sniffed is null || !accepted.Contains(sniffed, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(new FieldError(field.Key, $"{label} must be one of {string.Join(", ", accepted)} (checked by content); '{fileName}' is {sniffed ?? "not a recognised format"}."));
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

    private static JsonNode? CheckStringList(FieldSchema field, JsonNode value, List<FieldError> errors)
    {
        var label = field.Label.En;
        if (value is not JsonArray array)
        {
            errors.Add(new FieldError(field.Key, $"{label} must be a list of texts."));
            return null;
        }
        var items = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{field.Key}[{i}]";
            if (!TryGetString(array[i], out var text) || string.IsNullOrWhiteSpace(text))
            {
                errors.Add(new FieldError(path, $"{label}: entry {i + 1} must be non-empty text."));
                continue;
            }
            text = text.Trim();
            if (field.MaxLength is { } maxLength && text.Length > maxLength)
            {
                errors.Add(new FieldError(path, $"{label}: entry {i + 1} must be at most {maxLength} characters long."));
                continue;
            }
            if (field.Pattern is { } pattern && !Regex.IsMatch(text, $"^(?:{pattern})\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                errors.Add(new FieldError(path, $"{label}: entry {i + 1} ('{text}'): {field.PatternMessage ?? "invalid format"}."));
                continue;
            }
            items.Add(text);
        }
        if (field.Required && field.Min is null && array.Count == 0)
        {
            errors.Add(new FieldError(field.Key, $"{label} is required; add at least one entry."));
            return null;
        }
        if (items.Count < array.Count)
        {
            // Entry errors are reported; a count error on top would contradict them.
            return null;
        }
        if (field.Min is { } minCount && items.Count < minCount || field.Max is { } maxCount && items.Count > maxCount)
        {
            errors.Add(new FieldError(field.Key, $"{label} must have between {field.Min ?? 0} and {field.Max?.ToString(CultureInfo.InvariantCulture) ?? "any number of"} entries; got {array.Count}."));
            return null;
        }
        return new JsonArray(items.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
    }

    private static string AllowedList(FieldSchema field) =>
        string.Join(", ", field.AllowedValues?.Select(a => a.Value) ?? []);

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
