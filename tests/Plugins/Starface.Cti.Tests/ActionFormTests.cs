using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace Starface.Cti.Tests;

/// <summary>
/// The action forms an administrator sees in the admin UI and in <c>GET /api/connectors/starface-cti</c>, in English
/// and German. The CTI group labels are the ones of STARFACE's own guide ("CTI Gruppen", "Gruppen-ID", "Gruppenname",
/// starface-cti-users-groups.de.md / .en.md), so an admin who knows the Business Central pages finds the same words.
/// </summary>
public sealed class ActionFormTests
{
    private static async Task<ActionDescriptor> DescribeAsync(string action)
    {
        await using var bed = await CtiTestBed.StartAsync();
        var description = await bed.Harness.Send(new DescribeConnector());
        return description.Actions.Where(a => a.Name == action).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Describe_ScreenPop_ReadOnlyConnectorActionWithTheCallEventForm()
    {
        var action = await DescribeAsync("screen-pop");

        (action.Label.En, action.Label.For("de"), action.Target, action.Mutating).ShouldBe(("Screen pop", "CTI-Seite für Anruf", ActionTarget.Connector, false));
        action.Description.ShouldBe("Decides for a call event which Business Central page to open for the addressed user. Input: {\"direction\": \"incoming\", \"phase\": \"ringing\", \"callerNumber\": \"+4930123456\", \"calledNumber\": \"201\"}.");
        FormText.Of(action.Input).ShouldBe([
            "direction [Enum, required]: Direction | Richtung",
            "  incoming: Incoming | Incoming",
            "  outgoing: Outgoing | Outgoing",
            "phase [Enum, required]: Phase | Phase",
            "  ringing: Ringing | Ringing",
            "  answered: Answered | Answered",
            "  ended: Ended | Ended",
            "callerNumber [String, max 64]: Caller number | Anrufernummer",
            "calledNumber [String, max 64]: Called number | Angerufene Nummer",
            "extension [String, max 20]: Extension | Durchwahl",
        ]);
    }

    [Fact]
    public async Task Describe_CreateAndRenameCtiGroup_GroupIdAndGroupNameAsInStarfacesGuide()
    {
        var create = await DescribeAsync("create-cti-group");
        var rename = await DescribeAsync("rename-cti-group");

        (create.Label.En, create.Label.For("de"), create.Target, create.Mutating).ShouldBe(("New CTI group", "Neue CTI Gruppe", ActionTarget.Connector, true));
        create.Description.ShouldBe("Creates a CTI group. Input: {\"groupId\": \"SALES\", \"name\": \"Sales team\"}.");
        (rename.Label.En, rename.Label.For("de"), rename.Mutating).ShouldBe(("Rename CTI group", "CTI Gruppe umbenennen", true));
        rename.Description.ShouldBe("Changes the Group name of a CTI group. Input: {\"groupId\": \"SALES\", \"name\": \"Sales\"}.");
        string[] form = [
            "groupId [String, required, max 20]: Group ID | Gruppen-ID",
            "name [String, required, max 100]: Group name | Gruppenname",
        ];
        FormText.Of(create.Input).ShouldBe(form);
        FormText.Of(rename.Input).ShouldBe(form);
    }

    [Fact]
    public async Task Describe_DeleteCtiGroup_GroupIdAndUnassignOffByDefault()
    {
        var action = await DescribeAsync("delete-cti-group");

        (action.Label.En, action.Label.For("de"), action.Target, action.Mutating).ShouldBe(("Delete CTI group", "CTI Gruppe löschen", ActionTarget.Connector, true));
        action.Description.ShouldBe("Deletes a CTI group. Input: {\"groupId\": \"SALES\", \"unassign\": false}; 409 while users still have it unless unassign is true.");
        FormText.Of(action.Input).ShouldBe([
            "groupId [String, required, max 20]: Group ID | Gruppen-ID",
            "unassign [Bool, default false]: Unassign users | Nutzer entfernen",
        ]);
    }

    [Fact]
    public async Task Describe_ListCtiGroupsAndVisibleUsers_ReadOnlyWithoutInput()
    {
        var list = await DescribeAsync("cti-groups");
        var visible = await DescribeAsync("visible-users");

        (list.Label.En, list.Label.For("de"), list.Target, list.Mutating, list.Input.Count).ShouldBe(("CTI groups", "CTI Gruppen", ActionTarget.Connector, false, 0));
        list.Description.ShouldBe("Lists the CTI groups (Group ID, Group name) and the users that have each group.");
        (visible.Label.En, visible.Label.For("de"), visible.Target, visible.Mutating, visible.Input.Count).ShouldBe(("Visible CTI users", "Sichtbare CTI-Nutzer", ActionTarget.User, false, 0));
        visible.Description.ShouldBe("The CTI-active users the user sees in the CTI client (same CTI group, or everyone when the user has no group).");
    }
}
