using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Actions;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Users;

namespace HostedPbx.Actions;

/// <summary>The Users page search box: users whose name or extension contains the query (case-insensitive).</summary>
internal sealed class SearchAction(PbxMembers members) : ConnectorAction<SearchAction.Input>
{
    private const string Query = "query";

    public override ActionDescriptor Descriptor { get; } = new("search", "Search users", ActionTarget.Connector,
        "Users whose first name, last name, full name or extension contains {query} (substring, case-insensitive).", Mutating: false)
    {
        Input =
        [
            new(Query, "Search text", FieldType.String) { Required = true, MaxLength = 1000 },
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, SearchAction.Input input, CancellationToken cancellationToken)
    {
        var query = input.Query;
        var matches = (await members.ListAsync(cancellationToken))
            .Where(m => Matches(m, query))
            .OrderBy(m => m.User.LastName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.User.FirstName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Extension, StringComparer.Ordinal);
        return ActionResult.Json(new JsonObject
        {
            [Query] = query,
            ["users"] = new JsonArray([.. matches.Select(m => (JsonNode?)PbxActionAnswers.Describe(m))]),
        });
    }

    private static bool Matches(PbxMember member, string query) =>
        new[] { member.User.FirstName, member.User.LastName, member.Name, member.User.DisplayName, member.Extension }
            .Any(text => text.Contains(query, StringComparison.OrdinalIgnoreCase));

    /// <summary>The checked input: part of a name or extension.</summary>
    internal sealed record Input(string Query);
}
