using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Actions;
using HostedPbx.Users;

namespace HostedPbx.Search;

/// <summary>The Users page search box: users whose name or extension contains the query (case-insensitive).</summary>
internal sealed class SearchAction(PbxMembers members) : IPbxAction
{
    private const string Query = "query";

    public ActionDescriptor Descriptor { get; } = new("search", "Search users", ActionTarget.Connector,
        "Users whose first name, last name, full name or extension contains {query} (substring, case-insensitive).", Mutating: false);

    public async Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        if (new ActionInput(request.Input).RejectUnknown(Query) is { } unknown)
        {
            return unknown;
        }
        var (query, wrongType) = ActionInput.Text(request.Input, Query);
        if (wrongType is not null)
        {
            return wrongType;
        }
        if (query is null)
        {
            return ActionInput.Invalid(Query, "'query' is required: part of a name or extension.");
        }
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
}
