using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;

namespace Starface.Cti.Tests;

/// <summary>
/// The STARFACE group rules (StarfaceCtiGroups.AlignMembershipAsync and UpsertUnlockedAsync) and the group mapping
/// check (ValidateGroupSettingsHandler), one rule per test, each failing when its rule is removed or inverted.
/// </summary>
public sealed class StarfaceGroupRulesTests
{
    private static Task<PushResult> PushUserAsync(CtiTestBed bed, Guid userId, string? vendorId = null) =>
        bed.Harness.Send(new PushUser(bed.Directory.ContextOf(userId), PushOperation.Upsert, vendorId, Guid.NewGuid().ToString("N")));

    private static Task<PushResult> PushGroupAsync(CtiTestBed bed, Guid groupId, string? vendorId = null) =>
        bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(groupId), PushOperation.Upsert, vendorId, Guid.NewGuid().ToString("N")));

    private static Task<SettingsValidation> ValidateGroupAsync(CtiTestBed bed, Guid groupId, JsonObject settings) =>
        bed.Harness.Send(new ValidateGroupSettings(bed.Directory.GroupContextOf(groupId, settings), null));

    [Fact]
    public async Task PushUser_TwoCtiGroupsShareOneName_UserStaysAssignedInTheSharedStarfaceGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        await bed.CreateGroupAsync("SALES", "Sales team");
        await bed.CreateGroupAsync("SALES2", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var annaId = (await PushUserAsync(bed, anna.Id)).VendorId!;
        var callsBefore = bed.Starface.Calls.Count;

        var repeated = await PushUserAsync(bed, anna.Id, annaId);

        // The other CTI group of the same name is not a reason to unassign her from the one STARFACE group.
        repeated.State.ShouldBe("unchanged");
        bed.Starface.Groups.ShouldHaveSingleItem().Members.ShouldBe([int.Parse(annaId)]);
        bed.Starface.Calls.Skip(callsBefore).ShouldNotContain("PUT /rest/groups");
    }

    [Fact]
    public async Task PushUser_StarfaceGroupFoundByName_LaterRenameRenamesThatGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        var existing = bed.Starface.AddGroup("Sales team");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var annaId = (await PushUserAsync(bed, anna.Id)).VendorId!;
        await bed.InvokeJsonAsync("rename-cti-group", new JsonObject { ["groupId"] = "SALES", ["name"] = "Inside sales" });

        await PushUserAsync(bed, anna.Id, annaId);

        // The group found by name was remembered for the CTI group, so the rename follows it instead of creating one.
        var group = bed.Starface.Groups.ShouldHaveSingleItem();
        group.Id.ShouldBe(existing);
        group.Name.ShouldBe("Inside sales");
        group.Members.ShouldBe([int.Parse(annaId)]);
    }

    [Fact]
    public async Task PushUser_OnlyItsCtiGroupIsNew_StateIsUpdatedAndGroupCreatedWithUser()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        var annaId = (await PushUserAsync(bed, anna.Id)).VendorId!;
        await bed.CreateGroupAsync("SALES", "Sales team");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201", ["ctiGroup"] = "SALES" });

        var result = await PushUserAsync(bed, anna.Id, annaId);

        // Nothing about the user changed; creating her CTI group's STARFACE group is what the sync history must show.
        result.State.ShouldBe("updated");
        var group = bed.Starface.Groups.ShouldHaveSingleItem();
        group.Name.ShouldBe("Sales team");
        group.Members.ShouldBe([int.Parse(annaId)]);
    }

    [Fact]
    public async Task PushGroup_VendorIdOfStarfaceGroupWithOtherName_RenamesThatGroupInsteadOfCreatingOne()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var old = bed.Starface.AddGroup("Old sales");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var core = bed.Directory.AddGroup("sales-team", "Sales team (core)", new JsonObject { ["ctiGroup"] = "SALES" });

        var result = await PushGroupAsync(bed, core.Id, old.ToString());

        result.ShouldBe(new PushResult(old.ToString(), "updated"));
        var group = bed.Starface.Groups.ShouldHaveSingleItem();
        group.Id.ShouldBe(old);
        group.Name.ShouldBe("Sales team");
    }

    [Fact]
    public async Task PushGroup_RepeatedWithoutChange_IsUnchangedAndWritesNothing()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        await PushUserAsync(bed, anna.Id);
        var core = bed.Directory.AddGroup("sales-team", "Sales team (core)", new JsonObject { ["ctiGroup"] = "SALES" });
        var first = await PushGroupAsync(bed, core.Id);
        var callsBefore = bed.Starface.Calls.Count;

        var second = await PushGroupAsync(bed, core.Id, first.VendorId);

        second.ShouldBe(new PushResult(first.VendorId, "unchanged"));
        bed.Starface.Calls.Skip(callsBefore).ShouldNotContain(c => c.StartsWith("PUT ") || c.StartsWith("POST ") || c.StartsWith("DELETE "));
    }

    [Fact]
    public async Task PushGroup_MemberNotPushedYet_StateNamesThemAndGroupLeavesThemOut()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales team");
        await bed.AddCtiUserAsync("anna", "201", "SALES");
        await bed.AddCtiUserAsync("ben", "202", "SALES");
        var core = bed.Directory.AddGroup("sales-team", "Sales team (core)", new JsonObject { ["ctiGroup"] = "SALES" });

        var result = await PushGroupAsync(bed, core.Id);

        var group = bed.Starface.Groups.ShouldHaveSingleItem();
        result.ShouldBe(new PushResult(group.Id.ToString(), "created; not in STARFACE yet: anna, ben"));
        group.Members.ShouldBeEmpty();
    }

    [Fact]
    public async Task ValidateGroupSettings_NoCtiGroupMapped_AcceptedAsGiven()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = await bed.AddCtiUserAsync("anna", "201");
        var group = bed.Directory.AddGroup("everyone", "Everyone", null, anna.Id);

        var result = await ValidateGroupAsync(bed, group.Id, new JsonObject { ["ctiGroup"] = "" });

        result.Errors.ShouldBeEmpty();
        result.Settings!.ToJsonString().ShouldBe("""{"ctiGroup":""}""");
    }

    [Fact]
    public async Task ValidateGroupSettings_UnknownCtiGroup_MessageNamesTheGroupAndWhatToDo()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var group = bed.Directory.AddGroup("sales-team", "Sales team");

        var result = await ValidateGroupAsync(bed, group.Id, new JsonObject { ["ctiGroup"] = "sales" });

        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("ctiGroup");
        error.Message.ShouldBe("CTI group 'SALES' does not exist; create it first or leave CTI group empty.");
    }

    [Fact]
    public async Task ValidateGroupSettings_MappingGivesMemberSecondCtiGroup_MessageListsMemberAndBothMappings()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        var ben = await bed.AddCtiUserAsync("ben", "202");
        bed.Directory.AddGroup("sales-team", "Sales team", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);
        var support = bed.Directory.AddGroup("support-team", "Support team", null, anna.Id, ben.Id);

        var result = await ValidateGroupAsync(bed, support.Id, new JsonObject { ["ctiGroup"] = "SUPPORT" });

        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("ctiGroup");
        error.Message.ShouldBe("A user has at most one CTI group; this mapping would give these CTI-active members without an own CTI group several: "
            + "'anna' (core group 'sales-team' → SALES, core group 'support-team' → SUPPORT). Set their CTI group first.");
    }

    [Fact]
    public async Task ValidateGroupSettings_InactiveMemberInAnotherMappedGroup_IsAccepted()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        var eve = bed.AddUser("eve");
        await bed.SetUpUserAsync(eve.Id, new JsonObject { ["ctiActive"] = false });
        bed.Directory.AddGroup("sales-team", "Sales team", new JsonObject { ["ctiGroup"] = "SALES" }, eve.Id);
        var support = bed.Directory.AddGroup("support-team", "Support team", null, eve.Id);

        var result = await ValidateGroupAsync(bed, support.Id, new JsonObject { ["ctiGroup"] = "SUPPORT" });

        // Only CTI-active users have a CTI group to clash.
        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task ValidateGroupSettings_RemappingTheMembersOnlyMappedGroup_IsAccepted()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        var team = bed.Directory.AddGroup("team", "Team", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);

        var result = await ValidateGroupAsync(bed, team.Id, new JsonObject { ["ctiGroup"] = "SUPPORT" });

        // The group's old mapping is replaced, not added: anna ends up with one CTI group.
        result.Errors.ShouldBeEmpty();
        result.Settings!["ctiGroup"]!.GetValue<string>().ShouldBe("SUPPORT");
    }

    [Fact]
    public async Task ValidateGroupSettings_SecondCoreGroupMapsTheSameCtiGroup_IsAcceptedAndPreviewHasNoWarning()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        bed.Directory.AddGroup("sales-de", "Sales DE", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);
        var emea = bed.Directory.AddGroup("sales-emea", "Sales EMEA", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);

        var result = await ValidateGroupAsync(bed, emea.Id, new JsonObject { ["ctiGroup"] = "SALES" });
        var preview = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(anna.Id)));

        // Two mappings to one CTI group are no conflict.
        result.Errors.ShouldBeEmpty();
        preview.Warnings.ShouldBeEmpty();
        preview.Payload["cti"]!["ctiGroup"]!.GetValue<string>().ShouldBe("SALES");
        preview.Payload["cti"]!["ctiGroupCoreGroup"]!.GetValue<string>().ShouldBe("sales-de");
    }

    [Fact]
    public async Task ProjectUser_NoOwnOrMappedCtiGroup_SourceIsNone()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = await bed.AddCtiUserAsync("anna", "201");

        var preview = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(anna.Id)));

        preview.Payload["cti"]!["ctiGroup"].ShouldBeNull();
        preview.Payload["cti"]!["ctiGroupSource"]!.GetValue<string>().ShouldBe("none");
        preview.Payload["cti"]!["ctiGroupCoreGroup"].ShouldBeNull();
    }
}
