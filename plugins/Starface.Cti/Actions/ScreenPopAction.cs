using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Starface.Cti.BusinessCentral;
using Starface.Cti.ScreenPop;
using Starface.Cti.Settings;
using Starface.Cti.Users;

namespace Starface.Cti.Actions;

/// <summary>
/// Decides, for one call event, whether and what the CTI opens in Business Central for the addressed user.
/// The addressed user is the CTI-active user with the called extension (incoming) or the calling extension
/// (outgoing); the other number is the remote party, looked up in the Business Central directory.
/// </summary>
internal sealed class ScreenPopAction(
    CtiUserDirectory users,
    BusinessCentralDirectory directory,
    PhoneNumberNormalizer normalizer,
    WebClientLink links) : ConnectorAction<ScreenPopAction.Input>
{
    private const string Incoming = "incoming";
    private const string Outgoing = "outgoing";

    public override ActionDescriptor Descriptor { get; } = new(StarfaceCtiSchema.ActionNames.ScreenPop, new LocalizedText("Screen pop", "CTI-Seite für Anruf"), ActionTarget.Connector,
        "Decides for a call event which Business Central page to open for the addressed user. Input: {\"direction\": \"incoming\", \"phase\": \"ringing\", \"callerNumber\": \"+4930123456\", \"calledNumber\": \"201\"}.",
        Mutating: false)
    {
        Input =
        [
            new("direction", new LocalizedText("Direction", "Richtung"), FieldType.Enum) { Required = true, AllowedValues = [new(Incoming, "Incoming"), new(Outgoing, "Outgoing")] },
            new("phase", new LocalizedText("Phase", "Phase"), FieldType.Enum)
            {
                Required = true,
                AllowedValues = [new(OpenCtiPageAtValues.Ringing, "Ringing"), new(OpenCtiPageAtValues.Answered, "Answered"), new(OpenCtiPageAtValues.Ended, "Ended")],
            },
            new("callerNumber", new LocalizedText("Caller number", "Anrufernummer"), FieldType.String) { MaxLength = 64 },
            new("calledNumber", new LocalizedText("Called number", "Angerufene Nummer"), FieldType.String) { MaxLength = 64 },
            new("extension", new LocalizedText("Extension", "Durchwahl"), FieldType.String) { MaxLength = StarfaceCtiSchema.ExtensionMaxLength },
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        var (direction, phaseText, callerNumber, calledNumber, extension) = (input.Direction, input.Phase, input.CallerNumber, input.CalledNumber, input.Extension);
        var errors = new List<FieldError>();
        var incoming = direction == Incoming;
        var (ownField, remoteField) = incoming ? ("calledNumber", "callerNumber") : ("callerNumber", "calledNumber");
        var userExtension = extension ?? (incoming ? calledNumber : callerNumber);
        var remote = incoming ? callerNumber : calledNumber;
        if (userExtension is null)
        {
            errors.Add(new(ownField, $"{ownField} (the user's extension) or extension is required for an {direction} call."));
        }
        if (remote is null)
        {
            errors.Add(new(remoteField, $"{remoteField} (the remote party) is required for an {direction} call."));
        }
        if (errors.Count > 0)
        {
            return ActionResult.Problem(400, "Invalid call event", string.Join(" ", errors.Select(e => e.Message)), errors);
        }

        var everyone = await users.ListAsync(cancellationToken);
        var user = everyone.FirstOrDefault(u => u.TakesPartInCti && u.Settings.Extension == DigitsOf(userExtension!));
        if (user is null)
        {
            return ActionResult.Problem(404, "No CTI user for extension",
                $"No CTI-active user has extension {userExtension}; inactive users are ignored by the CTI.");
        }

        var phase = phaseText switch
        {
            OpenCtiPageAtValues.Answered => CallPhase.Answered,
            OpenCtiPageAtValues.Ended => CallPhase.Ended,
            _ => CallPhase.Ringing,
        };
        var normalized = normalizer.Normalize(remote);
        var result = new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = user.Id.ToString("D"), ["username"] = user.Username, ["extension"] = user.Settings.Extension },
            ["direction"] = direction,
            ["phase"] = phaseText,
            ["remoteNumber"] = remote,
            ["normalizedNumber"] = normalized?.Full,
        };

        if (WhyNotNow(user.Settings, incoming, phase) is { } reason)
        {
            return ActionResult.Json(Decide(result, pop: false, "none", reason));
        }

        IReadOnlyList<DirectoryRecord> matches;
        try
        {
            matches = normalized is null ? [] : (await directory.GetAsync(cancellationToken)).Find(normalized, user.Settings.Page);
        }
        catch (VendorException e)
        {
            return ActionResult.Problem(502, "Business Central directory unavailable", e.Message);
        }

        var page = user.Settings.Page;
        if (matches.Count > 0)
        {
            var pageId = WebClientLink.PageOf(page);
            result["page"] = pageId;
            result["url"] = links.Build(pageId, "No.", string.Join('|', matches.Select(m => m.Number)));
            result["fallbackUrl"] = links.Plain(WebClientLink.ListPageOf(page));
            result["records"] = new JsonArray(matches.Select(m => (JsonNode)new JsonObject
            {
                ["type"] = m.Kind.ToString().ToLowerInvariant(),
                ["id"] = m.Id.ToString("D"),
                ["number"] = m.Number,
                ["displayName"] = m.DisplayName,
            }).ToArray());
            var what = matches.Count == 1 ? $"{matches[0].Kind.ToString().ToLowerInvariant()} {matches[0].Number}" : $"{matches.Count} records";
            return ActionResult.Json(Decide(result, pop: true, "open-record", $"Found {what} on page {pageId}."));
        }

        // Unknown (or unreadable) numbers: the user's "No. not found actions" setting decides.
        var searchNumber = normalized?.Full ?? remote!;
        switch (user.Settings.NotFound)
        {
            case NotFoundAction.NewContact:
                result["page"] = WebClientLink.ContactCardPage;
                result["url"] = links.Build(WebClientLink.ContactCardPage, "Phone No.", searchNumber, create: true);
                result["fallbackUrl"] = links.Plain(WebClientLink.ContactCardPage, create: true);
                result["prefill"] = new JsonObject { ["Phone No."] = searchNumber };
                return ActionResult.Json(Decide(result, pop: true, "new-contact", "Number not found; opening a new contact card with the number."));
            case NotFoundAction.FilteredList:
                var listPage = WebClientLink.ListPageOf(page);
                result["page"] = listPage;
                // Business Central keeps numbers as typed (030 1234567, +49 30 1234567, …): match the trailing digits.
                result["url"] = links.Build(listPage, "Phone No.", TrailingDigitsFilter(normalized, remote!));
                result["fallbackUrl"] = links.Plain(listPage);
                return ActionResult.Json(Decide(result, pop: true, "filtered-list", $"Number not found; opening page {listPage} filtered by the number."));
            default:
                return ActionResult.Json(Decide(result, pop: false, "none", "Number not found; No. not found action is 'do nothing'."));
        }
    }

    /// <summary>
    /// The list filter value for a number: <c>*</c> and the national significant digits, so <c>+49 30 1234567</c>
    /// finds "030 1234567" and "+49 30 1234567" alike; an unreadable number uses its own digits.
    /// </summary>
    internal static string TrailingDigitsFilter(NormalizedNumber? normalized, string remote)
    {
        var digits = normalized is null ? new string(remote.Where(char.IsAsciiDigit).ToArray()) : normalized.National + normalized.Full[normalized.Base.Length..];
        return digits.Length > 0 ? "*" + digits : remote;
    }

    /// <summary>Null when the page opens for this event; otherwise why not (Open CTI page and Time of opening CTI page).</summary>
    internal static string? WhyNotNow(CtiUserSettings settings, bool incoming, CallPhase phase)
    {
        var direction = incoming ? Incoming : Outgoing;
        var directionMatches = settings.OpenOn switch
        {
            OpenCtiPage.Both => true,
            OpenCtiPage.Incoming => incoming,
            OpenCtiPage.Outgoing => !incoming,
            _ => false,
        };
        if (!directionMatches)
        {
            return $"Open CTI page is '{CtiUserSettings.WireName(settings.OpenOn)}'; this call is {direction}.";
        }
        if (settings.OpenAt != phase)
        {
            return $"Time of opening CTI page is '{CtiUserSettings.WireName(settings.OpenAt)}'; this event is '{CtiUserSettings.WireName(phase)}'.";
        }
        return null;
    }

    private static JsonObject Decide(JsonObject result, bool pop, string action, string reason)
    {
        result["pop"] = pop;
        result["action"] = action;
        result["reason"] = reason;
        return result;
    }

    private static string DigitsOf(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

    /// <summary>The checked call event; which numbers are needed depends on the direction.</summary>
    internal sealed record Input(string Direction, string Phase, string? CallerNumber, string? CalledNumber, string? Extension);
}
