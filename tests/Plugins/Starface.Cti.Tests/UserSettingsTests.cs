using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;

namespace Starface.Cti.Tests;

public sealed class UserSettingsTests
{
    [Fact]
    public async Task PutUserSettings_OnlyCtiActive_StoresDocumentedDefaults()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");

        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201" });

        var stored = bed.Directory.UserSettings(anna.Id)!;
        stored["ctiPage"]!.GetValue<string>().ShouldBe("contacts");
        stored["openCtiPage"]!.GetValue<string>().ShouldBe("incoming");
        stored["openCtiPageAt"]!.GetValue<string>().ShouldBe("ringing");
        stored["notFoundAction"]!.GetValue<string>().ShouldBe("none");
    }

    [Fact]
    public async Task PutUserSettings_CtiActiveWithoutExtension_ErrorNamesExtension()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");

        var errors = await bed.PutUserSettingsAsync(anna.Id, new JsonObject { ["ctiActive"] = true });

        errors.Select(e => e.Field).ShouldBe(["extension"]);
        bed.Directory.UserSettings(anna.Id).ShouldBeNull();
    }

    [Fact]
    public async Task PutUserSettings_InactiveWithoutExtension_IsAccepted()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");

        var errors = await bed.PutUserSettingsAsync(anna.Id, new JsonObject { ["ctiActive"] = false, ["ctiPage"] = "vendors" });

        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("20a")]
    [InlineData("+49201")]
    [InlineData("2 01")]
    public async Task PutUserSettings_ExtensionWithNonDigits_ErrorNamesExtension(string extension)
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");

        var errors = await bed.PutUserSettingsAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = extension });

        errors.Select(e => e.Field).ShouldBe(["extension"]);
    }

    [Fact]
    public async Task PutUserSettings_ExtensionOfOtherCtiActiveUser_ErrorNamesExtensionAndOtherUser()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.AddCtiUserAsync("anna", "201");
        var ben = bed.AddUser("ben");

        var errors = await bed.PutUserSettingsAsync(ben.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201" });

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("extension");
        error.Message.ShouldContain("'anna'");
    }

    [Fact]
    public async Task PutUserSettings_ExtensionOfInactiveUser_IsAccepted()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false, ["extension"] = "201" });
        var ben = bed.AddUser("ben");

        var errors = await bed.PutUserSettingsAsync(ben.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201" });

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task PutUserSettings_ReactivatingUserWhoseExtensionWasTaken_ErrorNamesExtension()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false, ["extension"] = "201" });
        await bed.AddCtiUserAsync("ben", "201");

        var errors = await bed.PutUserSettingsAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201" });

        errors.ShouldHaveSingleItem().Message.ShouldContain("'ben'");
    }

    [Fact]
    public async Task PutUserSettings_SameUserKeepsOwnExtension_IsAccepted()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = await bed.AddCtiUserAsync("anna", "201");

        var errors = await bed.PutUserSettingsAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201", ["ctiPage"] = "customers" });

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task PutUserSettings_UnknownCtiGroup_ErrorNamesCtiGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");

        var errors = await bed.PutUserSettingsAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201", ["ctiGroup"] = "SALES" });

        errors.Select(e => e.Field).ShouldBe(["ctiGroup"]);
    }

    [Fact]
    public async Task PutUserSettings_LowerCaseCtiGroup_StoredUpperCase()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        var anna = bed.AddUser("anna");

        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201", ["ctiGroup"] = "sales" });

        bed.Directory.UserSettings(anna.Id)!["ctiGroup"]!.GetValue<string>().ShouldBe("SALES");
    }

    [Theory]
    [InlineData("ctiPage", "orders")]
    [InlineData("openCtiPage", "sometimes")]
    [InlineData("openCtiPageAt", "dialing")]
    [InlineData("notFoundAction", "call-back")]
    public async Task PutUserSettings_ValueOutsideEnum_ErrorNamesField(string field, string value)
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");

        var errors = await bed.PutUserSettingsAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201", [field] = value });

        errors.Select(e => e.Field).ShouldBe([field]);
    }

    [Fact]
    public async Task PutUserSettings_CoreGroupsMapDifferentCtiGroups_ErrorNamesCtiGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        var anna = bed.AddUser("anna");
        bed.Directory.AddGroup("sales-team", "Sales team", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);
        bed.Directory.AddGroup("support-team", "Support team", new JsonObject { ["ctiGroup"] = "SUPPORT" }, anna.Id);

        var errors = await bed.PutUserSettingsAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201" });

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("ctiGroup");
        error.Message.ShouldContain("sales-team");
        error.Message.ShouldContain("support-team");
    }

    [Fact]
    public async Task PutUserSettings_OwnCtiGroupWithConflictingCoreGroups_IsAcceptedAndOwnGroupWins()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        var anna = bed.AddUser("anna");
        bed.Directory.AddGroup("sales-team", "Sales team", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);
        bed.Directory.AddGroup("support-team", "Support team", new JsonObject { ["ctiGroup"] = "SUPPORT" }, anna.Id);

        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201", ["ctiGroup"] = "SUPPORT" });

        var preview = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(anna.Id)));
        preview.Payload["cti"]!["ctiGroup"]!.GetValue<string>().ShouldBe("SUPPORT");
        preview.Payload["cti"]!["ctiGroupSource"]!.GetValue<string>().ShouldBe("user");
    }

    [Fact]
    public async Task ValidateGroupSettings_UnknownCtiGroup_ErrorNamesCtiGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var group = bed.Directory.AddGroup("sales-team", "Sales team");

        var result = await bed.Harness.Send(new ValidateGroupSettings(bed.Directory.GroupContextOf(group.Id, new JsonObject { ["ctiGroup"] = "SALES" }), null));

        result.Errors.Select(e => e.Field).ShouldBe(["ctiGroup"]);
    }

    [Fact]
    public async Task ValidateGroupSettings_LowerCaseExistingGroup_NormalizedUpperCase()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        var group = bed.Directory.AddGroup("sales-team", "Sales team");

        var result = await bed.Harness.Send(new ValidateGroupSettings(bed.Directory.GroupContextOf(group.Id, new JsonObject { ["ctiGroup"] = "sales" }), null));

        result.Errors.ShouldBeEmpty();
        result.Settings!["ctiGroup"]!.GetValue<string>().ShouldBe("SALES");
    }

    [Fact]
    public async Task ValidateGroupSettings_MappingGivesMemberSecondCtiGroup_ErrorNamesMember()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        bed.Directory.AddGroup("sales-team", "Sales team", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);
        var support = bed.Directory.AddGroup("support-team", "Support team", null, anna.Id);

        var result = await bed.Harness.Send(new ValidateGroupSettings(bed.Directory.GroupContextOf(support.Id, new JsonObject { ["ctiGroup"] = "SUPPORT" }), null));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("ctiGroup");
        error.Message.ShouldContain("'anna'");
    }

    [Fact]
    public async Task ValidateGroupSettings_MemberHasOwnCtiGroup_IsAccepted()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        bed.Directory.AddGroup("sales-team", "Sales team", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id);
        var support = bed.Directory.AddGroup("support-team", "Support team", null, anna.Id);

        var result = await bed.Harness.Send(new ValidateGroupSettings(bed.Directory.GroupContextOf(support.Id, new JsonObject { ["ctiGroup"] = "SUPPORT" }), null));

        result.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task ProjectUser_CtiActiveUser_ReturnsStarfaceBodyInternalNumberAndCtiSettings()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES", s => s["ctiPage"] = "customers");

        var preview = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(anna.Id)));

        preview.Payload["login"]!.GetValue<string>().ShouldBe("anna");
        preview.Payload["firstName"]!.GetValue<string>().ShouldBe("Anna");
        preview.Payload["familyName"]!.GetValue<string>().ShouldBe("Tester");
        preview.Payload["email"]!.GetValue<string>().ShouldBe("anna@example.com");
        preview.Payload["language"]!.GetValue<string>().ShouldBe("en");
        preview.Payload["internalNumber"]!.GetValue<string>().ShouldBe("201");
        var cti = preview.Payload["cti"]!;
        cti["ctiGroup"]!.GetValue<string>().ShouldBe("SALES");
        cti["ctiPage"]!.GetValue<string>().ShouldBe("customers");
        cti["ctiPageId"]!.GetValue<int>().ShouldBe(22);
        preview.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task ProjectUser_InactiveUserWithoutEmail_WarnsAndAssignsNoInternalNumber()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.Directory.AddUser("anna", "Anna", "Tester");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false, ["extension"] = "201" });

        var preview = await bed.Harness.Send(new ProjectUser(bed.Directory.ContextOf(anna.Id)));

        preview.Payload["internalNumber"].ShouldBeNull();
        preview.Warnings.ShouldContain(w => w.Contains("email"));
        preview.Warnings.ShouldContain(w => w.Contains("CTI active is off"));
    }
}
