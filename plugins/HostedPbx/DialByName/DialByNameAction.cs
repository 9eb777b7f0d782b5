using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Actions;
using HostedPbx.Users;

namespace HostedPbx.DialByName;

/// <summary>
/// The dial-by-name directory: users whose last name (or first name, per the connector's dialByNameMatch
/// setting) starts with the letters of the keypad digits pressed.
/// </summary>
internal sealed class DialByNameAction(PbxMembers members, HostedPbxOptions options) : IPbxAction
{
    private const string Digits = "digits";
    private const int MaxDigits = 20;

    public ActionDescriptor Descriptor { get; } = new("dial-by-name", "Dial by name", ActionTarget.Connector,
        "Users whose last name (default) or first name starts with the letters of {digits} on a phone keypad (2=ABC … 9=WXYZ).", Mutating: false);

    public async Task<ActionResult> RunAsync(InvokeAction request, CancellationToken cancellationToken)
    {
        if (new ActionInput(request.Input).RejectUnknown(Digits) is { } unknown)
        {
            return unknown;
        }
        var (digits, wrongType) = ActionInput.Text(request.Input, Digits);
        if (wrongType is not null)
        {
            return wrongType;
        }
        if (digits is null || digits.Length > MaxDigits || !digits.All(c => c is >= '2' and <= '9'))
        {
            return ActionInput.Invalid(Digits, $"'digits' must be 1–{MaxDigits} keypad digits 2–9 (0 and 1 carry no letters).");
        }
        var byFirstName = options.DialByNameMatch == DialByNameMatch.FirstName;
        var matches = (await members.ListAsync(cancellationToken))
            .Where(m => KeypadDigits.Of(byFirstName ? m.User.FirstName : m.User.LastName).StartsWith(digits, StringComparison.Ordinal))
            .OrderBy(m => byFirstName ? m.User.FirstName : m.User.LastName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => byFirstName ? m.User.LastName : m.User.FirstName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Extension, StringComparer.Ordinal);
        return ActionResult.Json(new JsonObject
        {
            [Digits] = digits,
            ["matchOn"] = byFirstName ? HostedPbxSchema.MatchFirstName : HostedPbxSchema.MatchLastName,
            ["users"] = new JsonArray([.. matches.Select(m => (JsonNode?)PbxActionAnswers.Describe(m))]),
        });
    }
}
