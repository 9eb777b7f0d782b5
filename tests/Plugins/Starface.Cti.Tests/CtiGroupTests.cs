using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;

namespace Starface.Cti.Tests;

public sealed class CtiGroupTests
{
    [Fact]
    public async Task ListFieldOptions_CtiGroup_EveryGroupIdWithItsName()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("sales", "Sales team");
        await bed.CreateGroupAsync("SUPPORT", "Support");

        var options = await bed.Harness.Send(new ListFieldOptions("ctiGroup"));

        options.Items.Select(i => (i.Value, i.Label.En)).ShouldBe([("SALES", "Sales team (SALES)"), ("SUPPORT", "Support (SUPPORT)")]);
    }

    [Fact]
    public async Task PutUserSettings_CtiGroupInOtherLetterCase_StoredWithTheListsSpelling()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales team");
        var user = bed.AddUser("ann");

        var errors = await bed.PutUserSettingsAsync(user.Id, new JsonObject { ["ctiGroup"] = "sales" });

        errors.ShouldBeEmpty();
        bed.Harness.Directory.UserSettings(user.Id)!["ctiGroup"]!.GetValue<string>().ShouldBe("SALES");
    }

    [Fact]
    public async Task CreateGroup_LowerCaseId_StoresUpperCaseIdAndName()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var created = await bed.InvokeJsonAsync("create-cti-group", new JsonObject { ["groupId"] = " sales ", ["name"] = "Sales team" });

        created["groupId"]!.GetValue<string>().ShouldBe("SALES");
        var stored = await bed.Harness.Store.GetAsync("cti-groups", "SALES", default);
        stored.ShouldNotBeNull();
        stored.Document["name"]!.GetValue<string>().ShouldBe("Sales team");
    }

    [Fact]
    public async Task CreateGroup_IdOfTwentyCharacters_IsAccepted()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var created = await bed.InvokeJsonAsync("create-cti-group", new JsonObject { ["groupId"] = new string('a', 20), ["name"] = "Long" });

        created["groupId"]!.GetValue<string>().ShouldBe(new string('A', 20));
    }

    [Fact]
    public async Task CreateGroup_IdLongerThanTwentyCharacters_Returns400NamingGroupId()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var problem = await bed.InvokeProblemAsync("create-cti-group", new JsonObject { ["groupId"] = new string('A', 21), ["name"] = "Too long" });

        problem.Status.ShouldBe(400);
        problem.Errors.Select(e => e.Field).ShouldBe(["groupId"]);
        problem.Errors[0].Message.ShouldContain("20");
        (await bed.Harness.Store.ListAsync("cti-groups", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateGroup_MissingNameAndId_Returns400NamingBothFields()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var problem = await bed.InvokeProblemAsync("create-cti-group", new JsonObject { ["groupId"] = "  " });

        problem.Status.ShouldBe(400);
        problem.Errors.Select(e => e.Field).ShouldBe(["groupId", "name"], ignoreOrder: true);
    }

    [Fact]
    public async Task CreateGroup_NameIsNotText_Returns400NamingName()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var problem = await bed.InvokeProblemAsync("create-cti-group", new JsonObject { ["groupId"] = "SALES", ["name"] = 42 });

        problem.Errors.Single().Field.ShouldBe("name");
    }

    [Fact]
    public async Task CreateGroup_SameIdInOtherCase_Returns409()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");

        var problem = await bed.InvokeProblemAsync("create-cti-group", new JsonObject { ["groupId"] = "Sales", ["name"] = "Other" });

        problem.Status.ShouldBe(409);
        problem.Detail.ShouldContain("SALES");
        (await bed.Harness.Store.GetAsync("cti-groups", "SALES", default))!.Document["name"]!.GetValue<string>().ShouldBe("Sales");
    }

    [Fact]
    public async Task RenameGroup_ExistingGroup_ChangesNameKeepsId()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");

        var renamed = await bed.InvokeJsonAsync("rename-cti-group", new JsonObject { ["groupId"] = "sales", ["name"] = "Inside sales" });

        renamed["groupId"]!.GetValue<string>().ShouldBe("SALES");
        var list = await bed.InvokeJsonAsync("cti-groups");
        list["groups"]!.AsArray().Select(g => (g!["groupId"]!.GetValue<string>(), g["name"]!.GetValue<string>()))
            .ShouldBe([("SALES", "Inside sales")]);
    }

    [Fact]
    public async Task RenameGroup_UnknownGroup_Returns404()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var problem = await bed.InvokeProblemAsync("rename-cti-group", new JsonObject { ["groupId"] = "NOPE", ["name"] = "x" });

        problem.Status.ShouldBe(404);
    }

    [Fact]
    public async Task ListGroups_UsersWithOwnAndMappedGroups_ListsEachUserUnderItsGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        await bed.AddCtiUserAsync("anna", "201", "SALES");
        var ben = await bed.AddCtiUserAsync("ben", "202");
        bed.Directory.AddGroup("support-team", "Support team", new JsonObject { ["ctiGroup"] = "SUPPORT" }, ben.Id);

        var list = await bed.InvokeJsonAsync("cti-groups");

        var groups = list["groups"]!.AsArray();
        groups.Select(g => g!["groupId"]!.GetValue<string>()).ShouldBe(["SALES", "SUPPORT"]);
        groups[0]!["users"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()).ShouldBe(["anna"]);
        var supportUser = groups[1]!["users"]!.AsArray().Single()!;
        supportUser["username"]!.GetValue<string>().ShouldBe("ben");
        supportUser["source"]!.GetValue<string>().ShouldBe("core-group");
        supportUser["coreGroup"]!.GetValue<string>().ShouldBe("support-team");
    }

    [Fact]
    public async Task DeleteGroup_UsersStillHaveIt_Returns409NamingThemAndKeepsGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.AddCtiUserAsync("anna", "201", "SALES");
        var carl = bed.AddUser("carl");
        await bed.SetUpUserAsync(carl.Id, new JsonObject { ["ctiActive"] = false, ["ctiGroup"] = "SALES" });

        var problem = await bed.InvokeProblemAsync("delete-cti-group", new JsonObject { ["groupId"] = "SALES" });

        problem.Status.ShouldBe(409);
        problem.Detail.ShouldContain("'anna'");
        problem.Detail.ShouldContain("'carl'");
        (await bed.Harness.Store.GetAsync("cti-groups", "SALES", default)).ShouldNotBeNull();
    }

    [Fact]
    public async Task DeleteGroup_Unassign_ClearsGroupOnUsersAndDeletes()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var ben = await bed.AddCtiUserAsync("ben", "202");

        var result = await bed.InvokeJsonAsync("delete-cti-group", new JsonObject { ["groupId"] = "sales", ["unassign"] = true });

        result["deleted"]!.GetValue<string>().ShouldBe("SALES");
        result["unassigned"]!.AsArray().Select(u => u!.GetValue<string>()).ShouldBe(["anna"]);
        var annaSettings = bed.Directory.UserSettings(anna.Id)!;
        annaSettings.ContainsKey("ctiGroup").ShouldBeFalse();
        annaSettings["extension"]!.GetValue<string>().ShouldBe("201");
        annaSettings["ctiActive"]!.GetValue<bool>().ShouldBeTrue();
        bed.Directory.UserSettings(ben.Id)!["extension"]!.GetValue<string>().ShouldBe("202");
        (await bed.Harness.Store.GetAsync("cti-groups", "SALES", default)).ShouldBeNull();
    }

    [Fact]
    public async Task DeleteGroup_UnusedGroup_Deletes()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");

        var result = await bed.InvokeJsonAsync("delete-cti-group", new JsonObject { ["groupId"] = "SALES" });

        result["unassigned"]!.AsArray().ShouldBeEmpty();
        (await bed.Harness.Store.ListAsync("cti-groups", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteGroup_MappedByCoreGroup_Returns409NamingCoreGroupEvenWithUnassign()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        bed.Directory.AddGroup("sales-team", "Sales team", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);

        var problem = await bed.InvokeProblemAsync("delete-cti-group", new JsonObject { ["groupId"] = "SALES", ["unassign"] = true });

        problem.Status.ShouldBe(409);
        problem.Detail.ShouldContain("'sales-team'");
        (await bed.Harness.Store.GetAsync("cti-groups", "SALES", default)).ShouldNotBeNull();
    }

    [Fact]
    public async Task DeleteGroup_UnassignNotBoolean_Returns400NamingUnassign()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");

        var problem = await bed.InvokeProblemAsync("delete-cti-group", new JsonObject { ["groupId"] = "SALES", ["unassign"] = "yes" });

        problem.Status.ShouldBe(400);
        problem.Errors.Single().Field.ShouldBe("unassign");
    }

    [Fact]
    public async Task DeleteGroup_UnknownGroup_Returns404()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var problem = await bed.InvokeProblemAsync("delete-cti-group", new JsonObject { ["groupId"] = "NOPE" });

        problem.Status.ShouldBe(404);
    }

    [Fact]
    public async Task InvokeAction_UnknownName_Returns404()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var result = await bed.Harness.Send(new InvokeAction("qr-code", null, null, new JsonObject()));

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
    }
}
