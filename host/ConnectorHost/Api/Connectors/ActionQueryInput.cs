using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Microsoft.Extensions.Primitives;

namespace ConnectorHost.Api.Connectors;

/// <summary>
/// Turns the query string of a GET action call into its JSON input: a declared true/false or whole-number field
/// becomes that JSON type, a list field takes every repeated value; anything else stays text, so the action's
/// declared input answers a wrong value with the same 400 as in a POST body.
/// </summary>
internal static class ActionQueryInput
{
    public static JsonObject From(IQueryCollection query, ActionDescriptor? action)
    {
        var input = new JsonObject();
        foreach (var (key, values) in query.Where(q => q.Key is not ("userId" or "groupId")))
        {
            var field = action?.Input.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal));
            input[key] = Convert(field?.Type, values);
        }
        return input;
    }

    private static JsonNode? Convert(FieldType? type, StringValues values)
    {
        var text = values.ToString();
        return type switch
        {
            FieldType.Bool when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
            FieldType.Int when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            FieldType.MultiEnum or FieldType.StringList => new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]),
            _ => JsonValue.Create(text),
        };
    }
}
