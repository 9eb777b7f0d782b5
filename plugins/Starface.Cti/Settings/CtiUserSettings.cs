using System.Text.Json.Nodes;
using Starface.Cti.Groups;
using Keys = Starface.Cti.Settings.StarfaceCtiSchema.UserKeys;

namespace Starface.Cti.Settings;

/// <summary>Which Business Central page the CTI opens for a user (the page ids are the ones in the vendor's docs).</summary>
internal enum CtiPage
{
    Contacts,
    Customers,
    Vendors,
}

/// <summary>On which call direction the CTI page opens.</summary>
internal enum OpenCtiPage
{
    Incoming,
    Outgoing,
    Both,
    Never,
}

/// <summary>When in the call the CTI page opens.</summary>
internal enum CallPhase
{
    Ringing,
    Answered,
    Ended,
}

/// <summary>What happens when the remote number is not found in Business Central.</summary>
internal enum NotFoundAction
{
    None,
    NewContact,
    FilteredList,
}

/// <summary>A user's CTI settings with the schema defaults applied (stored documents may predate a field).</summary>
internal sealed record CtiUserSettings(
    bool CtiActive,
    string? Extension,
    string? CtiGroup,
    CtiPage Page,
    OpenCtiPage OpenOn,
    CallPhase OpenAt,
    NotFoundAction NotFound)
{
    public static CtiUserSettings From(JsonObject settings) => new(
        settings[Keys.CtiActive] is JsonValue a && a.TryGetValue(out bool active) && active,
        NonEmpty(settings, Keys.Extension),
        NonEmpty(settings, Keys.CtiGroup)?.ToUpperInvariant(),
        NonEmpty(settings, Keys.CtiPage) switch
        {
            CtiPageValues.Customers => CtiPage.Customers,
            CtiPageValues.Vendors => CtiPage.Vendors,
            _ => CtiPage.Contacts,
        },
        NonEmpty(settings, Keys.OpenCtiPage) switch
        {
            OpenCtiPageValues.Outgoing => OpenCtiPage.Outgoing,
            OpenCtiPageValues.Both => OpenCtiPage.Both,
            OpenCtiPageValues.Never => OpenCtiPage.Never,
            _ => OpenCtiPage.Incoming,
        },
        NonEmpty(settings, Keys.OpenCtiPageAt) switch
        {
            OpenCtiPageAtValues.Answered => CallPhase.Answered,
            OpenCtiPageAtValues.Ended => CallPhase.Ended,
            _ => CallPhase.Ringing,
        },
        NonEmpty(settings, Keys.NotFoundAction) switch
        {
            NotFoundActionValues.NewContact => NotFoundAction.NewContact,
            NotFoundActionValues.FilteredList => NotFoundAction.FilteredList,
            _ => NotFoundAction.None,
        });

    /// <summary>True when the user takes part in CTI logic (visibility, screen pop, extension uniqueness).</summary>
    public bool TakesPartInCti => CtiActive && Extension is not null;

    public static string WireName(CtiPage page) => page switch
    {
        CtiPage.Customers => CtiPageValues.Customers,
        CtiPage.Vendors => CtiPageValues.Vendors,
        _ => CtiPageValues.Contacts,
    };

    public static string WireName(OpenCtiPage openOn) => openOn switch
    {
        OpenCtiPage.Outgoing => OpenCtiPageValues.Outgoing,
        OpenCtiPage.Both => OpenCtiPageValues.Both,
        OpenCtiPage.Never => OpenCtiPageValues.Never,
        _ => OpenCtiPageValues.Incoming,
    };

    public static string WireName(CallPhase phase) => phase switch
    {
        CallPhase.Answered => OpenCtiPageAtValues.Answered,
        CallPhase.Ended => OpenCtiPageAtValues.Ended,
        _ => OpenCtiPageAtValues.Ringing,
    };

    public static string WireName(NotFoundAction action) => action switch
    {
        NotFoundAction.NewContact => NotFoundActionValues.NewContact,
        NotFoundAction.FilteredList => NotFoundActionValues.FilteredList,
        _ => NotFoundActionValues.None,
    };

    private static string? NonEmpty(JsonObject settings, string key) =>
        settings[key] is JsonValue v && v.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
