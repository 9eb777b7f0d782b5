using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace Connectel.Tests;

/// <summary>The Connectel actions: user profiles, pickup check, API key, password reset and unlock.</summary>
public sealed class ActionTests
{
    [Fact]
    public async Task CanPickUp_CallGroups1And3To5VsPickupGroup4_CanPickUpWithGroup4()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");
        (await bed.PutAsync(ann.Id, bed.Supervisor("""{ "callGroups": "1,3-5" }"""))).Errors.ShouldBeEmpty();
        (await bed.PutAsync(bob.Id, bed.Supervisor("""{ "pickupGroups": "4" }"""))).Errors.ShouldBeEmpty();

        var yes = await Json(bed.InvokeAsync("can-pick-up", ann.Id, $$"""{ "from": "{{bob.Id}}" }"""));
        var no = await Json(bed.InvokeAsync("can-pick-up", bob.Id, $$"""{ "from": "{{ann.Id}}" }"""));

        yes["canPickUp"]!.GetValue<bool>().ShouldBeTrue();
        yes["matchingGroups"]!.AsArray().Select(g => g!.GetValue<int>()).ShouldBe([4]);
        no["canPickUp"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task CanPickUp_UnknownFromUser_404NamingFrom()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        var problem = (await bed.InvokeAsync("can-pick-up", ann.Id, $$"""{ "from": "{{Guid.NewGuid()}}" }""")).ShouldBeOfType<ProblemActionResult>();

        problem.Status.ShouldBe(404);
        problem.Errors.ShouldHaveSingleItem().Field.ShouldBe("from");
    }

    [Fact]
    public async Task DeleteProfile_HeldByUsers_409NamingThemAndProfileKept()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");
        var bob = bed.AddUser("Bob", "Ray");
        (await bed.PutAsync(ann.Id, bed.Supervisor())).Errors.ShouldBeEmpty();
        // Bob holds it through a core role, not his own setting.
        bed.Directory.AddRole("supervisors", new JsonObject { ["userProfile"] = bed.SalesProfile }, bob.Id);
        (await bed.PutAsync(bob.Id, new JsonObject { ["role"] = "User", ["password"] = "Start-Pass1" })).Errors.ShouldBeEmpty();

        var problem = (await bed.InvokeAsync("delete-profile", inputJson: $$"""{ "id": "{{bed.SalesProfile}}" }""")).ShouldBeOfType<ProblemActionResult>();

        problem.Status.ShouldBe(409);
        problem.Detail.ShouldContain("Ann Lee, Bob Ray");
        bed.Connectel.Profiles.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task DeleteProfile_HeldOnlyByUserMadeAtConnectel_409WithConnectelsNames()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var id = bed.Connectel.AddUser("cy.ng", "cy@example.com", role: "user");
        bed.Connectel.Users[id]["UserProfileId"] = int.Parse(bed.SalesProfile);

        var problem = (await bed.InvokeAsync("delete-profile", inputJson: $$"""{ "id": "{{bed.SalesProfile}}" }""")).ShouldBeOfType<ProblemActionResult>();

        problem.Status.ShouldBe(409);
        problem.Detail.ShouldContain("cy.ng");
    }

    [Fact]
    public async Task ProfileActions_CreateEditListDelete_ChangesConnectelsProfiles()
    {
        await using var bed = await ConnectelTestBed.StartAsync();

        var created = await Json(bed.InvokeAsync("create-profile", inputJson: """{ "name": "Dialer", "permissions": ["dialerCampaigns", "contactManagerLists"] }"""));
        var id = created["id"]!.GetValue<string>();
        await Json(bed.InvokeAsync("edit-profile", inputJson: $$"""{ "id": "{{id}}", "name": "Dialer team" }"""));
        var listed = await Json(bed.InvokeAsync("profiles"));
        var deleted = await Json(bed.InvokeAsync("delete-profile", inputJson: $$"""{ "id": "{{id}}" }"""));

        listed["items"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["Sales supervisors", "Dialer team"]);
        listed["items"]![1]!["permissions"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["dialerCampaigns", "contactManagerLists"]);
        deleted["deleted"]!.GetValue<bool>().ShouldBeTrue();
        bed.Connectel.Profiles.Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateProfile_GrantingUserManagement_400NamingPermissions()
    {
        await using var bed = await ConnectelTestBed.StartAsync();

        var problem = (await bed.InvokeAsync("create-profile", inputJson: """{ "name": "Too much", "permissions": ["agents", "users"] }""")).ShouldBeOfType<ProblemActionResult>();

        problem.Status.ShouldBe(400);
        problem.Errors.ShouldHaveSingleItem().Field.ShouldBe("permissions");
        bed.Connectel.Profiles.Count.ShouldBe(1);
    }

    [Fact]
    public async Task UserProfileOptions_FromConnectel_IdAndName()
    {
        await using var bed = await ConnectelTestBed.StartAsync();

        var options = await bed.Harness.Send(new ListFieldOptions("userProfile"));

        options.Items.ShouldHaveSingleItem().ShouldBe(new AllowedValue(bed.SalesProfile, "Sales supervisors"));
    }

    [Fact]
    public async Task RegenerateApiKey_PushedUser_NewKeyShownOnceAndActiveAtConnectel()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var (ann, vendorId) = await PushedAsync(bed);

        var result = (await bed.InvokeAsync("regenerate-api-key", ann, vendorId: vendorId)).ShouldBeOfType<JsonActionResult>();
        var removed = await Json(bed.InvokeAsync("remove-api-key", ann, vendorId: vendorId));

        result.ShowOnce.ShouldBeTrue();
        result.ToString().ShouldNotContain(result.Body["apiKey"]!.GetValue<string>());
        removed["removed"]!.GetValue<bool>().ShouldBeTrue();
        bed.Connectel.ApiKeys.ShouldBeEmpty();
    }

    [Fact]
    public async Task RegenerateApiKey_NotPushedYet_409()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var ann = bed.AddUser("Ann", "Lee");

        (await bed.InvokeAsync("regenerate-api-key", ann.Id)).ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(409);
    }

    [Fact]
    public async Task ResetPassword_SecuritySuiteOn_TemporaryPasswordMeetsPolicyShownOnceAndMustChange()
    {
        await using var bed = await ConnectelTestBed.StartAsync(securitySuite: true);
        var (ann, vendorId) = await PushedAsync(bed);

        var result = (await bed.InvokeAsync("reset-password", ann, vendorId: vendorId)).ShouldBeOfType<JsonActionResult>();

        result.ShowOnce.ShouldBeTrue();
        var temporary = result.Body["temporaryPassword"]!.GetValue<string>();
        PasswordRules.MissingForStrong(temporary).ShouldBeEmpty();
        bed.Connectel.Passwords[int.Parse(vendorId)].ShouldBe(temporary);
        bed.Connectel.UserNamed("ann.lee")["mustChangePassword"]!.GetValue<bool>().ShouldBeTrue();
        // The reset time Connectel reports is kept in the user's settings by the host (never the password).
        result.SettingsPatch!.ToJsonString().ShouldBe(new JsonObject { ["lastPasswordReset"] = bed.Connectel.UserNamed("ann.lee")["lastPasswordReset"]!.DeepClone() }.ToJsonString());
    }

    [Fact]
    public async Task ResetPassword_SecuritySuiteOff_NothingWrittenBack()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var (ann, vendorId) = await PushedAsync(bed);

        var result = (await bed.InvokeAsync("reset-password", ann, vendorId: vendorId)).ShouldBeOfType<JsonActionResult>();

        result.SettingsPatch.ShouldBeNull();
    }

    [Fact]
    public async Task Unlock_LockedAccount_UnlockedAtConnectel()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var (ann, vendorId) = await PushedAsync(bed);
        bed.Connectel.Lock("ann.lee");

        var result = (await bed.InvokeAsync("unlock", ann, vendorId: vendorId)).ShouldBeOfType<JsonActionResult>();

        result.Body["locked"]!.GetValue<bool>().ShouldBeFalse();
        bed.Connectel.UserNamed("ann.lee")["locked"]!.GetValue<bool>().ShouldBeFalse();
        // Kept in the user's settings by the host at once.
        result.SettingsPatch!.ToJsonString().ShouldBe("""{"locked":false}""");
    }

    [Theory]
    [InlineData("regenerate-api-key")]
    [InlineData("remove-api-key")]
    [InlineData("reset-password")]
    [InlineData("unlock")]
    public async Task UserAction_UserDeletedAtConnectel_404AskingForAReconcile(string action)
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        var (ann, vendorId) = await PushedAsync(bed);
        bed.Connectel.Users.TryRemove(int.Parse(vendorId), out _).ShouldBeTrue();

        var problem = (await bed.InvokeAsync(action, ann, vendorId: vendorId)).ShouldBeOfType<ProblemActionResult>();

        problem.Status.ShouldBe(404);
        problem.Detail.ShouldBe($"Connectel no longer has the user of Ann Lee (id {vendorId}); run a reconcile.");
    }

    [Theory]
    [InlineData("edit-profile", """{ "id": "999", "name": "Gone" }""")]
    [InlineData("delete-profile", """{ "id": "999" }""")]
    public async Task ProfileAction_ProfileUnknownAtConnectel_404NamingTheId(string action, string input)
    {
        await using var bed = await ConnectelTestBed.StartAsync();

        var problem = (await bed.InvokeAsync(action, inputJson: input)).ShouldBeOfType<ProblemActionResult>();

        problem.Status.ShouldBe(404);
        problem.Detail.ShouldBe("Connectel has no user profile with id '999'.");
    }

    [Fact]
    public async Task UserProfileOptions_ProfileWithoutName_LabelledWithItsId()
    {
        await using var bed = await ConnectelTestBed.StartAsync();
        bed.Connectel.Profiles[77] = new JsonObject { ["id"] = 77 };

        var options = await bed.Harness.Send(new ListFieldOptions("userProfile"));

        options.Items.Single(i => i.Value == "77").Label.En.ShouldBe("77");
    }

    [Fact]
    public async Task FieldOptions_FieldWithoutConnectelOptions_Refused()
    {
        await using var bed = await ConnectelTestBed.StartAsync();

        var error = await Should.ThrowAsync<ConnectorHost.Sdk.Gateway.VendorRejectedException>(() => bed.Harness.Send(new ListFieldOptions("transport")));

        error.Message.ShouldBe("Field 'transport' has no options from the Connectel connector.");
    }

    private static async Task<(Guid User, string VendorId)> PushedAsync(ConnectelTestBed bed)
    {
        var ann = bed.AddUser("Ann", "Lee");
        (await bed.PutAsync(ann.Id, bed.Supervisor("""{ "password": "Start-Pass1!" }"""))).Errors.ShouldBeEmpty();
        return (ann.Id, (await bed.PushAsync(ann.Id)).VendorId!);
    }

    private static async Task<JsonObject> Json(Task<ActionResult> action) =>
        (await action).ShouldBeOfType<JsonActionResult>().Body.AsObject();
}
