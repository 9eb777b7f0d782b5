using System.Text.Json.Nodes;
using ConnectorHost.Core.Users;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using Starface.Cti.Settings;
using Starface.Cti.Testing;

namespace Starface.Cti.Tests;

/// <summary>
/// Rules of the STARFACE gateway and settings no other test looked at (issue #16 survivors): which numbers
/// reconciliation reports, the sync-history texts of group and user pushes, the body of a user update, and the
/// connector settings' messages.
/// </summary>
public sealed class StarfaceGatewayRulesTests
{
    private static Task<PushResult> PushUserAsync(CtiTestBed bed, Guid userId, string? vendorId = null, PushOperation operation = PushOperation.Upsert) =>
        bed.Harness.Send(new PushUser(bed.Directory.ContextOf(userId), operation, vendorId, Guid.NewGuid().ToString("N")));

    private static Task<PushResult> PushGroupAsync(CtiTestBed bed, Guid groupId, PushOperation operation, string? vendorId = null) =>
        bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(groupId), operation, vendorId, Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task ListVendorUsers_ExternalNumberAssignedToUser_ReportsOnlyTheInternalNumber()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.Starface.AddUser("anna", "Anna", "Tester", "anna@example.com");
        bed.Starface.AddPhoneNumber("+49301234567", "EXTERNAL", assignedUser: anna);
        bed.Starface.AddInternalNumber("201", assignedUser: anna);

        var page = await bed.Harness.Send(new ListVendorUsers(null, 10));

        page.Items.ShouldHaveSingleItem().Fields["internalNumber"]!.GetValue<string>().ShouldBe("201");
        bed.Starface.Requests.ShouldContain(r => r.Path == "/rest/phonenumbers?type=INTERNAL");
    }

    [Fact]
    public async Task ListVendorUsers_SeveralInternalNumbers_ReportsThePrimaryElseTheFirst()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.Starface.AddUser("anna", "Anna", "Tester", "anna@example.com");
        var ben = bed.Starface.AddUser("ben", "Ben", "Tester", "ben@example.com");
        bed.Starface.AddInternalNumber("201", assignedUser: anna);
        var primary = bed.Starface.AddInternalNumber("202", assignedUser: anna);
        bed.Starface.SetPrimaryInternalNumber(anna, primary);
        bed.Starface.AddInternalNumber("301", assignedUser: ben);
        bed.Starface.AddInternalNumber("302", assignedUser: ben);

        var page = await bed.Harness.Send(new ListVendorUsers(null, 10));

        page.Items.Select(u => (u.MatchKey, u.Fields["internalNumber"]!.GetValue<string>())).ShouldBe([("anna", "202"), ("ben", "301")]);
        page.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task ListVendorUsers_Page_FieldsAreTheOwnedUserFieldsAndInternalNumber()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddUser("anna", "Anna", "Tester", "anna@example.com");

        var user = (await bed.Harness.Send(new ListVendorUsers(null, 10))).Items.ShouldHaveSingleItem();

        // The fake's users carry language "de" and fields the connector does not own (personId, namespace, ...).
        user.Fields.ToJsonString().ShouldBe("""{"login":"anna","firstName":"Anna","familyName":"Tester","email":"anna@example.com","language":"de","internalNumber":null}""");
    }

    [Fact]
    public async Task ListVendorUsers_ForeignCursor_MessageQuotesItWithoutCallingStarface()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var error = await Should.ThrowAsync<VendorRejectedException>(() => bed.Harness.Send(new ListVendorUsers("-1", 10)));

        error.Message.ShouldBe("'-1' is not a cursor this connector issued.");
        bed.Starface.Logins.ShouldBe(0);
    }

    [Fact]
    public async Task PushGroup_NoCtiGroupOrUnknownOne_SkippedWithTextsSayingWhy()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var none = bed.Directory.AddGroup("everyone", "Everyone");
        var unknown = bed.Directory.AddGroup("sales-team", "Sales team", new JsonObject { ["ctiGroup"] = "sales" });

        var skippedNone = await PushGroupAsync(bed, none.Id, PushOperation.Upsert);
        var skippedUnknown = await PushGroupAsync(bed, unknown.Id, PushOperation.Upsert);

        skippedNone.ShouldBe(new PushResult(null, "skipped: no CTI group mapped"));
        skippedUnknown.ShouldBe(new PushResult(null, "skipped: CTI group SALES does not exist"));
        bed.Starface.Logins.ShouldBe(0);
    }

    [Fact]
    public async Task PushGroup_DeleteWithoutCtiGroupOrUsableVendorId_IsAbsentWithoutCallingStarface()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var core = bed.Directory.AddGroup("everyone", "Everyone");

        var result = await PushGroupAsync(bed, core.Id, PushOperation.Delete, "not-a-number");

        result.ShouldBe(new PushResult(null, "absent"));
        bed.Starface.Logins.ShouldBe(0);
    }

    [Fact]
    public async Task PushGroup_DeleteWhileCtiGroupExists_StateNamesTheKeptGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales team");
        var core = bed.Directory.AddGroup("sales-team", "Sales team (core)", new JsonObject { ["ctiGroup"] = "SALES" });
        var created = await PushGroupAsync(bed, core.Id, PushOperation.Upsert);

        var deleted = await PushGroupAsync(bed, core.Id, PushOperation.Delete, created.VendorId);

        deleted.ShouldBe(new PushResult(null, $"kept: STARFACE group {created.VendorId} of CTI group SALES stays (unchanged)"));
    }

    [Fact]
    public async Task PushUser_ExistingStarfaceUserInOtherLanguage_CorrectsItAndSendsNoPassword()
    {
        await using var bed = await CtiTestBed.StartAsync();
        // Same names and e-mail as the core user; only the language differs (the core user's en-US is STARFACE "en").
        var starfaceId = bed.Starface.AddUser("anna", "Anna", "Tester", "anna@example.com");
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });

        var result = await PushUserAsync(bed, anna.Id, starfaceId.ToString());

        result.ShouldBe(new PushResult(starfaceId.ToString(), "updated"));
        bed.Starface.User(starfaceId)!["language"]!.GetValue<string>().ShouldBe("en");
        var sent = bed.Starface.UserUpdates.ShouldHaveSingleItem();
        sent.ContainsKey("password").ShouldBeFalse();
        sent["id"]!.GetValue<int>().ShouldBe(starfaceId);
        sent["personId"]!.GetValue<string>().ShouldBe($"person-{starfaceId}");
    }

    [Fact]
    public async Task PushUser_OnlyExtensionNewlyAssigned_StateIsUpdated()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var number = bed.Starface.AddInternalNumber("201");
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false, ["extension"] = "201" });
        var annaId = (await PushUserAsync(bed, anna.Id)).VendorId!;
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201" });

        var result = await PushUserAsync(bed, anna.Id, annaId);
        var repeated = await PushUserAsync(bed, anna.Id, annaId);

        result.State.ShouldBe("updated");
        repeated.State.ShouldBe("unchanged");
        bed.Starface.AssignedUserOf("201").ShouldBe(int.Parse(annaId));
        bed.Starface.PrimaryInternalNumberIdOf(int.Parse(annaId)).ShouldBe(number);
        bed.Starface.UserUpdates.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushUser_NumberAssignedButNotPrimary_MadePrimaryAndStateIsUpdated()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var starfaceId = bed.Starface.AddUser("anna", "Anna", "Tester", "anna@example.com");
        var number = bed.Starface.AddInternalNumber("201", assignedUser: starfaceId);
        var anna = await bed.AddCtiUserAsync("anna", "201");
        await PushUserAsync(bed, anna.Id, starfaceId.ToString());
        bed.Starface.SetPrimaryInternalNumber(starfaceId, bed.Starface.AddInternalNumber("299", assignedUser: starfaceId));

        var result = await PushUserAsync(bed, anna.Id, starfaceId.ToString());

        result.State.ShouldBe("updated");
        bed.Starface.PrimaryInternalNumberIdOf(starfaceId).ShouldBe(number);
        bed.Starface.Calls.ShouldNotContain($"POST /rest/users/{starfaceId}/phonenumberconfig/phonenumbers");
    }

    [Fact]
    public async Task PushUser_ExternalNumberWithTheExtensionsDigits_AssignsTheInternalNumber()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var other = bed.Starface.AddUser("other", "Other", "Tester", "other@example.com");
        bed.Starface.AddPhoneNumber("201", "EXTERNAL", assignedUser: other);
        var number = bed.Starface.AddInternalNumber("201");
        var anna = await bed.AddCtiUserAsync("anna", "201");

        var result = await PushUserAsync(bed, anna.Id);

        // The extension is an internal number; an external number with the same digits is someone else's business.
        var annaId = int.Parse(result.VendorId!);
        bed.Starface.PrimaryInternalNumberIdOf(annaId).ShouldBe(number);
        bed.Starface.Requests.ShouldContain(r => r.Path == "/rest/phonenumbers?type=INTERNAL");
    }

    [Theory]
    [InlineData("GET /rest/users/{user}")]
    [InlineData("PUT /rest/users/{user}")]
    [InlineData("GET /rest/phonenumbers")]
    [InlineData("GET /rest/callservices")]
    [InlineData("POST /rest/users/{user}/phonenumberconfig/phonenumbers/")]
    [InlineData("GET /rest/users/{user}/phonenumberconfig")]
    [InlineData("PUT /rest/users/{user}/phonenumberconfig")]
    [InlineData("GET /rest/groups")]
    [InlineData("PUT /rest/groups")]
    // A 500 for one group is settled by the group list (the spec has no 404 there); any other failure stops the push.
    [InlineData("GET /rest/groups/{group}", 503)]
    public async Task PushUser_OneStarfaceCallFails_TransientErrorAndNothingAfterIt(string failing, int status = 500)
    {
        await using var bed = await CtiTestBed.StartAsync();
        var starfaceId = bed.Starface.AddUser("anna", "Ann", "Old", "old@example.com");
        bed.Starface.AddInternalNumber("201");
        var group = bed.Starface.AddGroup("Sales team");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var call = failing.Replace("{user}", starfaceId.ToString()).Replace("{group}", group.ToString());
        bed.Starface.FailCall(call, status);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushUserAsync(bed, anna.Id, starfaceId.ToString()));

        // Each call of the push is checked: a failed one stops the push instead of being taken as done.
        error.IsTransient.ShouldBeTrue();
        bed.Starface.Calls[^1].ShouldBe(call);
    }

    // A create answered with an error the spec does not document for it (not its 200/500 "unexpected error") is an
    // outage: nothing is taken as created, and nothing is sent after it.
    [Fact]
    public async Task PushUser_CreateAnswered503_TransientErrorAndNothingAfterIt()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        bed.Starface.FailCall("POST /rest/users", 503);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushUserAsync(bed, anna.Id));

        error.IsTransient.ShouldBeTrue();
        bed.Starface.Calls[^1].ShouldBe("POST /rest/users");
    }

    // A delete STARFACE failed for a user it still lists is not "absent": the job must be retried, not closed.
    [Fact]
    public async Task PushUser_DeleteAnswered503ForAKnownUser_TransientErrorNotDeleted()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var starfaceId = bed.Starface.AddUser("anna", "Ann", "Lee", "anna@example.com");
        var anna = bed.AddUser("anna");
        bed.Starface.FailCall($"DELETE /rest/users/{starfaceId}", 503);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushUserAsync(bed, anna.Id, starfaceId.ToString(), PushOperation.Delete));

        error.IsTransient.ShouldBeTrue();
        bed.Starface.User(starfaceId).ShouldNotBeNull();
    }

    // The group calls the spec gives no 404 settle a 500 by the list; any other failure is an outage, never a success.
    [Fact]
    public async Task PushGroup_DeleteAnswered503_TransientErrorNotDeleted()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var group = bed.Starface.AddGroup("Old team");
        var core = bed.Directory.AddGroup("old-team", "Old team");
        bed.Starface.FailCall($"DELETE /rest/groups/{group}", 503);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushGroupAsync(bed, core.Id, PushOperation.Delete, group.ToString()));

        error.IsTransient.ShouldBeTrue();
        bed.Starface.Calls[^1].ShouldBe($"DELETE /rest/groups/{group}");
    }

    [Fact]
    public async Task PushUser_CtiGroupCreateAnswered503_TransientErrorAndNothingAfterIt()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var starfaceId = bed.Starface.AddUser("anna", "Ann", "Lee", "anna@example.com");
        bed.Starface.AddInternalNumber("201");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        bed.Starface.FailCall("POST /rest/groups", 503);

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushUserAsync(bed, anna.Id, starfaceId.ToString()));

        error.IsTransient.ShouldBeTrue();
        bed.Starface.Calls[^1].ShouldBe("POST /rest/groups");
    }

    [Fact]
    public async Task PushUser_NamesAndEmailMissing_MessageNamesEachFieldWithoutCallingStarface()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var bare = bed.Directory.AddUser("bare");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushUserAsync(bed, bare.Id));

        error.Message.ShouldBe("STARFACE requires firstName, familyName (last name), email for user 'bare'.");
        bed.Starface.Calls.ShouldNotContain(c => c.StartsWith("POST ") || c.StartsWith("PUT "));
    }

    [Fact]
    public async Task PushUser_DeleteOfUserStarfaceDoesNotKnow_IsAbsentWithoutDeleting()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var other = bed.Starface.AddUser("other", "Other", "Tester", "other@example.com");
        var anna = bed.AddUser("anna");

        var result = await PushUserAsync(bed, anna.Id, operation: PushOperation.Delete);

        result.ShouldBe(new PushResult(null, "absent"));
        bed.Starface.Calls.ShouldNotContain(c => c.StartsWith("DELETE "));
        bed.Starface.User(other).ShouldNotBeNull();
    }

    [Fact]
    public async Task Parse_UnknownRegion_MessageNamesRegionAndExpectedForm()
    {
        await using var bc = await FakeBusinessCentral.StartAsync();
        var settings = CtiTestBed.Settings(bc, null);
        settings["defaultPhoneRegion"] = "xx";

        var error = Should.Throw<StarfaceCtiSettingsException>(() => StarfaceCtiOptions.Parse(settings, LibPhoneNumbers.Instance));

        error.Message.ShouldBe("Invalid starface-cti settings in plugins.json: defaultPhoneRegion: Default phone region 'XX' is not a known phone region (two letters, e.g. DE).");
    }

    [Fact]
    public async Task Parse_LowerCaseRegion_StoredUpperCase()
    {
        await using var bc = await FakeBusinessCentral.StartAsync();
        var settings = CtiTestBed.Settings(bc, null);
        settings["defaultPhoneRegion"] = "at";

        var options = StarfaceCtiOptions.Parse(settings, LibPhoneNumbers.Instance);

        options.DefaultRegion.ShouldBe("AT");
    }

    [Fact]
    public async Task ToString_Options_NamesTenantEnvironmentCompanyAndStarfaceOnly()
    {
        await using var bc = await FakeBusinessCentral.StartAsync();
        var settings = CtiTestBed.Settings(bc, null);
        settings["starfaceBaseUrl"] = "https://pbx.example.com/";

        var options = StarfaceCtiOptions.Parse(settings, LibPhoneNumbers.Instance);

        options.ToString().ShouldBe($"StarfaceCtiOptions {{ Tenant = {FakeBusinessCentral.TenantId}, Environment = production, Company = CRONUS AG, Starface = https://pbx.example.com/ }}");
    }
}
