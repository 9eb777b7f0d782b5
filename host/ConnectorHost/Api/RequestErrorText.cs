using System.Text.Json;
using System.Text.RegularExpressions;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Api;

/// <summary>
/// Rewrites the framework's binding and JSON messages for API clients: they name the JSON field or parameter
/// and the JSON type expected, never a .NET type ("could not be mapped to any .NET member contained in type …").
/// </summary>
internal static partial class RequestErrorText
{
    /// <summary>The body's problem: what is wrong, and the field it concerns (null for the document as a whole).</summary>
    public static (string Detail, FieldError? Field) Json(JsonException exception)
    {
        var field = FieldOf(exception.Path);
        if (UnknownMember().Match(exception.Message) is { Success: true } unknown)
        {
            var name = field ?? unknown.Groups["name"].Value;
            return ($"'{name}' is not a field of this request.", new FieldError(name, "Not a field of this request."));
        }
        if (WrongType().Match(exception.Message) is { Success: true } wrong && field is not null)
        {
            var expected = JsonKind(MemberType(wrong.Groups["type"].Value, field) ?? wrong.Groups["type"].Value);
            return ($"'{field}' must be {expected}.", new FieldError(field, $"Must be {expected}."));
        }
        var at = exception.Path is { Length: > 0 } path ? $" at '{path}'" : "";
        var cut = exception.Message.IndexOf(". Path:", StringComparison.Ordinal);
        var sentence = cut > 0 ? exception.Message[..(cut + 1)] : exception.Message;
        return ($"The request body is not valid JSON{at}: {Scrub(sentence)}", null);
    }

    /// <summary>A query, route or missing-body failure, phrased with the parameter's name.</summary>
    public static string Binding(string message)
    {
        if (BindFailed().Match(message) is { Success: true } bind)
        {
            var value = bind.Groups["value"].Value;
            return $"'{bind.Groups["name"].Value}' must be {ParameterKind(bind.Groups["type"].Value)}; got '{(value.Length > 50 ? value[..50] + "…" : value)}'.";
        }
        if (RequiredMissing().Match(message) is { Success: true } missing)
        {
            return missing.Groups["source"].Value == "body" ? "The request needs a JSON body." : $"'{missing.Groups["name"].Value}' is required.";
        }
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
        {
            return "The request needs a JSON body.";
        }
        return Scrub(message);
    }

    private static string? FieldOf(string? path) =>
        path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;

    /// <summary>
    /// For a value that does not fit a body record's constructor parameter, System.Text.Json names the record,
    /// not the member: look the member's type up so the message can say what the field takes.
    /// </summary>
    private static string? MemberType(string typeName, string field)
    {
        if (!typeName.StartsWith("ConnectorHost.", StringComparison.Ordinal) || field.Contains('.', StringComparison.Ordinal) || field.Contains('[', StringComparison.Ordinal))
        {
            return null;
        }
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("ConnectorHost", StringComparison.Ordinal) == true || a.GetName().Name == "connectorhost")
            .Select(a => a.GetType(typeName))
            .FirstOrDefault(t => t is not null);
        return type?.GetProperty(field, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.PropertyType.FullName;
    }

    private static string JsonKind(string clrType)
    {
        var type = NullableOf().Match(clrType) is { Success: true } n ? n.Groups["inner"].Value : clrType;
        return type switch
        {
            "System.String" or "System.Char" => "a string",
            "System.Int32" or "System.Int64" or "System.Int16" or "System.Byte" or "System.UInt32" or "System.UInt64" => "a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.Guid" => "a UUID string",
            "System.DateTime" or "System.DateTimeOffset" => "an ISO 8601 date-time string",
            _ when type.Contains("Dictionary", StringComparison.Ordinal) || type.EndsWith("JsonObject", StringComparison.Ordinal) => "an object",
            _ when type.Contains("List`", StringComparison.Ordinal) || type.Contains("Enumerable`", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "an array",
            _ when type.StartsWith("ConnectorHost.", StringComparison.Ordinal) => "an object",
            _ => "of another JSON type",
        };
    }

    private static string ParameterKind(string csharpType) => csharpType.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?') switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
        "double" or "decimal" or "float" => "a number",
        "bool" or "Boolean" => "true or false",
        "Guid" => "a UUID",
        "DateTime" or "DateTimeOffset" => "an ISO 8601 date-time",
        _ => "a valid value",
    };

    // A safety net for messages not translated above: no CLR type name reaches a client.
    private static string Scrub(string message) => ClrTypeName().Replace(message, "the expected type");

    [GeneratedRegex(@"^The JSON property '(?<name>[^']*)' could not be mapped to any \.NET member")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>[^ ]+?)\.( Path:|$)")]
    private static partial Regex WrongType();

    [GeneratedRegex(@"^System\.Nullable`1\[\[?(?<inner>[^,\]]+)")]
    private static partial Regex NullableOf();

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailed();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided from (?<source>[a-z ]+)\\.")]
    private static partial Regex RequiredMissing();

    [GeneratedRegex(@"'?\b(System|ConnectorHost|Microsoft)(\.[A-Za-z_][\w`]*)+(\[[^\]]*\])?'?")]
    private static partial Regex ClrTypeName();
}
