using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Actions;
using HostedPbx.DialByName;
using HostedPbx.Settings;
using HostedPbx.Users;

namespace HostedPbx.Actions;

/// <summary>
/// The dial-by-name directory: users whose last name (or first name, per the connector's dialByNameMatch
/// setting) starts with the letters of the keypad digits pressed.
/// </summary>
internal sealed class DialByNameAction(PbxMembers members, HostedPbxOptions options) : ConnectorAction<DialByNameAction.Input>
{
    private const string Digits = "digits";
    private const int MaxDigits = 20;

    public override ActionDescriptor Descriptor { get; } = new("dial-by-name", "Dial by name", ActionTarget.Connector,
        "Users whose last name (default) or first name starts with the letters of {digits} on a phone keypad (2=ABC … 9=WXYZ).", Mutating: false)
    {
        Input =
        [
            new(Digits, "Keypad digits", FieldType.String)
            {
                Required = true,
                Pattern = $"[2-9]{{1,{MaxDigits}}}",
                PatternMessage = $"'digits' must be 1–{MaxDigits} keypad digits 2–9 (0 and 1 carry no letters).",
            },
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, DialByNameAction.Input input, CancellationToken cancellationToken)
    {
        var digits = input.Digits;
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

    /// <summary>The checked input: the keypad digits pressed.</summary>
    internal sealed record Input(string Digits);
}
