using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;

namespace Starface.Cti.Tests;

/// <summary>The exact previews, lists and error texts an administrator reads in the UI and API.</summary>
public sealed class PreviewAndActionTextTests
{
    [Fact]
    public async Task ProjectUser_CtiActiveUser_CtiBlockHoldsEverySetting()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");

        var preview = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(anna.Id)));

        preview.Payload["cti"]!.ToJsonString().ShouldBe(new JsonObject
        {
            ["ctiActive"] = true, ["extension"] = "201", ["ctiGroup"] = "SALES", ["ctiGroupSource"] = "user", ["ctiGroupCoreGroup"] = null,
            ["ctiPage"] = "contacts", ["ctiPageId"] = 5050, ["openCtiPage"] = "incoming", ["openCtiPageAt"] = "ringing", ["notFoundAction"] = "none",
        }.ToJsonString());
    }

    [Fact]
    public async Task ProjectUser_InactiveUserWithoutNames_WarningsNameEachMissingField()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var user = bed.Directory.AddUser("x", "", "", null);
        await bed.SetUpUserAsync(user.Id, new JsonObject { ["ctiActive"] = false });

        var preview = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(user.Id)));

        preview.Warnings.ShouldBe([
            "STARFACE requires firstName, familyName (last name), email; the push will be rejected until they are set.",
            "CTI active is off: the user is ignored by the CTI (visibility, screen pop) and no internal number is assigned.",
        ]);
    }

    [Fact]
    public async Task ProjectUser_CoreGroupsMapDifferentCtiGroups_WarnsWhichOneApplies()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        bed.Directory.AddGroup("b-support", "Support team", new JsonObject { ["ctiGroup"] = "SUPPORT" }, anna.Id);
        bed.Directory.AddGroup("a-sales", "Sales team", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);

        var preview = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(anna.Id)));

        preview.Payload["cti"]!["ctiGroup"]!.GetValue<string>().ShouldBe("SALES");
        preview.Payload["cti"]!["ctiGroupSource"]!.GetValue<string>().ShouldBe("core-group");
        preview.Payload["cti"]!["ctiGroupCoreGroup"]!.GetValue<string>().ShouldBe("a-sales");
        preview.Warnings.ShouldBe([
            "Several core groups map to different CTI groups (core group 'a-sales' → SALES, core group 'b-support' → SUPPORT); 'SALES' of core group 'a-sales' applies. Set the user's CTI group to choose.",
        ]);
    }

    [Fact]
    public async Task ProjectGroup_NoCtiGroupMapped_SaysTheGroupIsNotPushed()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var core = bed.Directory.AddGroup("sales-team", "Sales team");

        var preview = await bed.Harness.Send(new ProjectGroup(bed.Directory.GroupContextOf(core.Id)));

        preview.Payload.ToJsonString().ShouldBe("""{"ctiGroup":null}""");
        preview.Warnings.ShouldBe(["No CTI group is mapped: this core group is not pushed to STARFACE."]);
    }

    [Fact]
    public async Task ProjectGroup_MappedCtiGroupMissing_SaysWhichAndThatItIsNotPushed()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var core = bed.Directory.AddGroup("sales-team", "Sales team", new JsonObject { ["ctiGroup"] = "sales" });

        var preview = await bed.Harness.Send(new ProjectGroup(bed.Directory.GroupContextOf(core.Id)));

        preview.Payload.ToJsonString().ShouldBe("""{"ctiGroup":"SALES"}""");
        preview.Warnings.ShouldBe(["CTI group 'SALES' does not exist: this core group is not pushed to STARFACE."]);
    }

    [Fact]
    public async Task ProjectGroup_MappedCtiGroup_ListsCtiActiveMembersByUsername()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales team");
        await bed.AddCtiUserAsync("carl", "203", "SALES");
        await bed.AddCtiUserAsync("Anna", "201", "SALES");
        await bed.AddCtiUserAsync("ben", "202", "SALES");
        var eve = bed.AddUser("eve");
        await bed.SetUpUserAsync(eve.Id, new JsonObject { ["ctiActive"] = false, ["ctiGroup"] = "SALES" });
        var core = bed.Directory.AddGroup("sales-team", "Sales team (core)", new JsonObject { ["ctiGroup"] = "SALES" });

        var preview = await bed.Harness.Send(new ProjectGroup(bed.Directory.GroupContextOf(core.Id)));

        preview.Payload.ToJsonString().ShouldBe("""{"name":"Sales team","ctiGroup":"SALES","members":["Anna","ben","carl"]}""");
        preview.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task VisibleUsers_GroupedUser_AnswerDescribesViewerAndEachVisibleUser()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var ben = await bed.AddCtiUserAsync("ben", "202", "SALES");

        var result = await bed.InvokeJsonAsync("visible-users", userId: anna.Id);

        result.ToJsonString().ShouldBe(new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = anna.Id.ToString("D"), ["username"] = "anna", ["displayName"] = anna.DisplayName, ["ctiActive"] = true, ["extension"] = "201", ["ctiGroup"] = "SALES" },
            ["ctiGroupSource"] = "user",
            ["visibleUsers"] = new JsonArray(new JsonObject { ["id"] = ben.Id.ToString("D"), ["username"] = "ben", ["displayName"] = ben.DisplayName, ["ctiActive"] = true, ["extension"] = "202", ["ctiGroup"] = "SALES" }),
        }.ToJsonString());
    }

    [Fact]
    public async Task VisibleUsers_NoTargetUser_ProblemSaysAUserIsNeeded()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var problem = await bed.InvokeProblemAsync("visible-users");

        problem.Title.ShouldBe("User required");
        problem.Detail.ShouldBe("Action 'visible-users' works on one user; pass its userId.");
    }

    [Fact]
    public async Task ListGroups_UsersOfAGroup_ListedByUsernameWithTheirSource()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.AddCtiUserAsync("carl", "203", "SALES");
        await bed.AddCtiUserAsync("Anna", "201", "SALES");

        var result = await bed.InvokeJsonAsync("cti-groups");

        result.ToJsonString().ShouldBe(
            """{"groups":[{"groupId":"SALES","name":"Sales","users":[{"username":"Anna","ctiActive":true,"source":"user","coreGroup":null},{"username":"carl","ctiActive":true,"source":"user","coreGroup":null}]}]}""");
    }

    [Fact]
    public async Task CreateGroup_Created_AnswersIdAndName()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var result = await bed.InvokeJsonAsync("create-cti-group", new JsonObject { ["groupId"] = "sales", ["name"] = "Sales team" });

        result.ToJsonString().ShouldBe("""{"groupId":"SALES","name":"Sales team"}""");
    }

    [Fact]
    public async Task CreateGroup_TakenId_ConflictNamesTheId()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");

        var problem = await bed.InvokeProblemAsync("create-cti-group", new JsonObject { ["groupId"] = "sales", ["name"] = "Other" });

        problem.Status.ShouldBe(409);
        problem.Title.ShouldBe("CTI group exists");
        problem.Detail.ShouldBe("CTI group 'SALES' already exists; Group IDs are unique.");
        problem.Errors.ShouldBe([new("groupId", "Group ID 'SALES' is already taken.")]);
    }

    [Fact]
    public async Task CreateGroup_MissingFields_ProblemTitledInvalidCtiGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var problem = await bed.InvokeProblemAsync("create-cti-group", new JsonObject());

        problem.Title.ShouldBe("Invalid input");
        problem.Errors.ShouldBe([new("groupId", "Group ID is required."), new("name", "Group name is required.")], ignoreOrder: true);
    }

    [Fact]
    public async Task RenameGroup_Renamed_AnswersIdAndNewName()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");

        var result = await bed.InvokeJsonAsync("rename-cti-group", new JsonObject { ["groupId"] = "sales", ["name"] = "Sales & Service" });

        result.ToJsonString().ShouldBe(new JsonObject { ["groupId"] = "SALES", ["name"] = "Sales & Service" }.ToJsonString());
    }

    [Fact]
    public async Task RenameGroup_UnknownOrInvalid_ProblemsSayWhy()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var unknown = await bed.InvokeProblemAsync("rename-cti-group", new JsonObject { ["groupId"] = "nope", ["name"] = "X" });
        var invalid = await bed.InvokeProblemAsync("rename-cti-group", new JsonObject { ["groupId"] = "nope" });

        unknown.Title.ShouldBe("CTI group not found");
        unknown.Detail.ShouldBe("CTI group 'NOPE' does not exist.");
        invalid.Title.ShouldBe("Invalid input");
        invalid.Errors.ShouldBe([new("name", "Group name is required.")]);
    }

    [Fact]
    public async Task DeleteGroup_InUse_ProblemsNameUsersAndCoreGroupsInOrder()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        await bed.AddCtiUserAsync("carl", "203", "SALES");
        await bed.AddCtiUserAsync("Anna", "201", "SALES");
        var ben = await bed.AddCtiUserAsync("ben", "202");
        bed.Directory.AddGroup("z-support", "Support", new JsonObject { ["ctiGroup"] = "SUPPORT" }, ben.Id);
        bed.Directory.AddGroup("a-support", "Support 2", new JsonObject { ["ctiGroup"] = "SUPPORT" }, ben.Id);

        var byUsers = await bed.InvokeProblemAsync("delete-cti-group", new JsonObject { ["groupId"] = "SALES" });
        var byCoreGroups = await bed.InvokeProblemAsync("delete-cti-group", new JsonObject { ["groupId"] = "SUPPORT" });
        var unknown = await bed.InvokeProblemAsync("delete-cti-group", new JsonObject { ["groupId"] = "NOPE" });
        var invalid = await bed.InvokeProblemAsync("delete-cti-group", new JsonObject());

        byUsers.Title.ShouldBe("CTI group in use");
        byUsers.Detail.ShouldBe("CTI group 'SALES' is still assigned to users 'Anna', 'carl'; unassign them or send \"unassign\": true.");
        byUsers.Errors.ShouldBe([new("groupId", "Assigned to users 'Anna', 'carl'.")]);
        byCoreGroups.Title.ShouldBe("CTI group in use");
        byCoreGroups.Detail.ShouldBe("CTI group 'SUPPORT' is mapped by core groups 'a-support', 'z-support'; remove the CTI group from their settings first.");
        byCoreGroups.Errors.ShouldBe([new("groupId", "Mapped by core groups 'a-support', 'z-support'.")]);
        unknown.Title.ShouldBe("CTI group not found");
        unknown.Detail.ShouldBe("CTI group 'NOPE' does not exist.");
        invalid.Title.ShouldBe("Invalid input");
        invalid.Errors.ShouldBe([new("groupId", "Group ID is required.")]);
    }
}
