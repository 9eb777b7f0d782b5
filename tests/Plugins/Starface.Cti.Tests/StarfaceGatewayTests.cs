using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using Starface.Cti.Gateway;
using Starface.Cti.Testing;

namespace Starface.Cti.Tests;

public sealed class StarfaceGatewayTests
{
    private static Task<PushResult> PushAsync(CtiTestBed bed, Guid userId, string? vendorId = null, PushOperation operation = PushOperation.Upsert) =>
        bed.Harness.Send(new PushUser(bed.Directory.ContextOf(userId), operation, vendorId, Guid.NewGuid().ToString("N")));

    [Fact]
    public void ComputeSecret_InternalLogin_IsLoginColonSha512OfLoginNonceAndPasswordHash()
    {
        var secret = StarfaceApiClient.ComputeSecret("Internal", "0001", "nonce-1", "pw");

        secret.ShouldBe(FakeStarface.ExpectedSecret("0001", "nonce-1", "pw"));
        // Computed independently (python3 hashlib): a mistake shared by the client and the fake would fail here.
        secret.ShouldBe("0001:4487460a030e4d86ef38a13943065817512126e379dc79bdb72c7f8136fdbdfc4102da49b0605ce79b415503e06cddce9a4facc9ff28b28ed98b16557d6f2696");
        secret.ShouldStartWith("0001:");
        secret.Length.ShouldBe("0001:".Length + 128);
    }

    [Theory]
    [InlineData("ActiveDirectory")]
    [InlineData("ACTIVE_DIRECTORY")]
    public void ComputeSecret_ActiveDirectoryLogin_IsBase64OfLoginNoncePassword(string loginType)
    {
        var secret = StarfaceApiClient.ComputeSecret(loginType, "0001", "nonce-1", "pw");

        // Computed independently (python3 base64 of "0001nonce-1pw"), as the STARFACE docs define it for AD logins.
        secret.ShouldBe("MDAwMW5vbmNlLTFwdw==");
    }

    [Fact]
    public async Task PushUser_NewCtiActiveUser_CreatesStarfaceUserAndAssignsExtensionAsPrimaryInternalNumber()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var numberId = bed.Starface.AddInternalNumber("201");
        var anna = await bed.AddCtiUserAsync("anna", "201");

        var result = await PushAsync(bed, anna.Id);

        result.State.ShouldBe("created");
        var created = bed.Starface.User(int.Parse(result.VendorId!)).ShouldNotBeNull();
        created["login"]!.GetValue<string>().ShouldBe("anna");
        created["firstName"]!.GetValue<string>().ShouldBe("Anna");
        created["familyName"]!.GetValue<string>().ShouldBe("Tester");
        created["email"]!.GetValue<string>().ShouldBe("anna@example.com");
        created["language"]!.GetValue<string>().ShouldBe("en");
        bed.Starface.AssignedUserOf("201").ShouldBe(int.Parse(result.VendorId!));
        bed.Starface.PrimaryInternalNumberIdOf(int.Parse(result.VendorId!)).ShouldBe(numberId);
        bed.Starface.Logins.ShouldBe(1);
    }

    [Fact]
    public async Task PushUser_RepeatedWithoutVendorId_FindsUserByLoginAndCreatesNoDuplicate()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        var first = await PushAsync(bed, anna.Id);

        var second = await PushAsync(bed, anna.Id);

        second.VendorId.ShouldBe(first.VendorId);
        second.State.ShouldBe("unchanged");
        bed.Starface.Users.Count(u => u["login"]!.GetValue<string>() == "anna").ShouldBe(1);
    }

    [Fact]
    public async Task PushUser_ExistingStarfaceUserWithOtherName_UpdatesOwnedFieldsAndKeepsOthers()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var starfaceId = bed.Starface.AddUser("anna", "Ann", "Old", "old@example.com");
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });

        var result = await PushAsync(bed, anna.Id, vendorId: starfaceId.ToString());

        result.State.ShouldBe("updated");
        result.VendorId.ShouldBe(starfaceId.ToString());
        var updated = bed.Starface.User(starfaceId)!;
        updated["firstName"]!.GetValue<string>().ShouldBe("Anna");
        updated["email"]!.GetValue<string>().ShouldBe("anna@example.com");
        updated["personId"]!.GetValue<string>().ShouldBe($"person-{starfaceId}");
    }

    [Fact]
    public async Task PushUser_InactiveUser_GetsNoInternalNumber()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false, ["extension"] = "201" });

        var result = await PushAsync(bed, anna.Id);

        result.State.ShouldBe("created");
        bed.Starface.AssignedUserOf("201").ShouldBeNull();
        bed.Starface.Calls.ShouldNotContain(c => c.Contains("phonenumber"));
    }

    [Fact]
    public async Task PushUser_WrongStarfacePassword_ThrowsClearAuthenticationErrorAndCreatesNothing()
    {
        await using var bed = await CtiTestBed.StartAsync(s => s["starfacePassword"] = "not-the-password");
        var anna = await bed.AddCtiUserAsync("anna", "201");

        var error = await Should.ThrowAsync<VendorAuthenticationException>(() => PushAsync(bed, anna.Id));

        error.Message.ShouldContain("STARFACE refused the login of '0001'");
        error.Message.ShouldContain("starfacePassword");
        error.Message.ShouldNotContain("not-the-password");
        error.Message.ShouldNotContain(FakeStarface.Password);
        bed.Starface.RejectedLogins.ShouldBe(1);
        bed.Starface.Users.ShouldBeEmpty();
        bed.Starface.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushUser_TokenExpired_LogsInAgainOnceAndSucceeds()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });
        var ben = bed.AddUser("ben");
        await bed.SetUpUserAsync(ben.Id, new JsonObject { ["ctiActive"] = false });
        await PushAsync(bed, anna.Id);
        bed.Starface.ExpireTokens();

        var result = await PushAsync(bed, ben.Id);

        result.State.ShouldBe("created");
        bed.Starface.Logins.ShouldBe(2);
    }

    [Fact]
    public async Task PushUser_ExtensionAssignedToOtherAccount_ThrowsRejected()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var other = bed.Starface.AddUser("other", "Otto", "Other", "otto@example.com");
        bed.Starface.AddInternalNumber("201", assignedUser: other);
        var anna = await bed.AddCtiUserAsync("anna", "201");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(bed, anna.Id));

        error.Message.ShouldContain("201");
        bed.Starface.AssignedUserOf("201").ShouldBe(other);
    }

    [Fact]
    public async Task PushUser_ExtensionUnknownToStarface_ThrowsRejectedNamingNumber()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = await bed.AddCtiUserAsync("anna", "299");

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(bed, anna.Id));

        error.Message.ShouldContain("no internal number 299");
    }

    [Fact]
    public async Task PushUser_MissingEmail_ThrowsRejectedNamingEmailWithoutCallingStarface()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.Directory.AddUser("anna", "Anna", "Tester");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });

        var error = await Should.ThrowAsync<VendorRejectedException>(() => PushAsync(bed, anna.Id));

        error.Message.ShouldContain("email");
        bed.Starface.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushUser_Delete_RemovesStarfaceUser()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = bed.AddUser("anna");
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false });
        var created = await PushAsync(bed, anna.Id);

        var deleted = await PushAsync(bed, anna.Id, created.VendorId, PushOperation.Delete);
        var again = await PushAsync(bed, anna.Id, created.VendorId, PushOperation.Delete);

        deleted.ShouldBe(new PushResult(null, "deleted"));
        again.ShouldBe(new PushResult(null, "absent"));
        bed.Starface.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushUser_StarfaceUnavailable_ThrowsTransientErrorWithRetryAfter()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var anna = await bed.AddCtiUserAsync("anna", "201");
        bed.Starface.FailWith = 503;

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => PushAsync(bed, anna.Id));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        error.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task PushGroup_MappedCoreGroup_CreatesStarfaceGroupWithCtiActiveMembersOfCtiGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        bed.Starface.AddInternalNumber("202");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201");
        var ben = await bed.AddCtiUserAsync("ben", "202", "SALES");
        var eve = bed.AddUser("eve");
        await bed.SetUpUserAsync(eve.Id, new JsonObject { ["ctiActive"] = false, ["ctiGroup"] = "SALES" });
        var annaId = int.Parse((await PushAsync(bed, anna.Id)).VendorId!);
        var benId = int.Parse((await PushAsync(bed, ben.Id)).VendorId!);
        await PushAsync(bed, eve.Id);
        var core = bed.Directory.AddGroup("sales-team", "Sales team (core)", new JsonObject { ["ctiGroup"] = "SALES" }, anna.Id, eve.Id);

        var result = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(core.Id), PushOperation.Upsert, null, "k1"));

        // Ben's own CTI group already made his push create the group; the group push finds it by name and adds Anna.
        result.State.ShouldBe("updated");
        var group = bed.Starface.Groups.ShouldHaveSingleItem();
        group.Id.ToString().ShouldBe(result.VendorId);
        group.Name.ShouldBe("Sales team");
        group.Members.ShouldBe([annaId, benId], ignoreOrder: true);
    }

    [Fact]
    public async Task PushGroup_MemberLeavesCtiGroup_UnassignsHimAtStarface()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        bed.Starface.AddInternalNumber("202");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var ben = await bed.AddCtiUserAsync("ben", "202", "SALES");
        var annaId = int.Parse((await PushAsync(bed, anna.Id)).VendorId!);
        await PushAsync(bed, ben.Id);
        var core = bed.Directory.AddGroup("sales-team", "Sales team (core)", new JsonObject { ["ctiGroup"] = "SALES" });
        var first = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(core.Id), PushOperation.Upsert, null, "k1"));
        await bed.SetUpUserAsync(ben.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "202" });

        var second = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(core.Id), PushOperation.Upsert, first.VendorId, "k2"));
        var third = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(core.Id), PushOperation.Upsert, first.VendorId, "k3"));

        second.State.ShouldBe("updated");
        third.State.ShouldBe("unchanged");
        bed.Starface.Groups.ShouldHaveSingleItem().Members.ShouldBe([annaId]);
    }

    [Fact]
    public async Task PushUser_OwnCtiGroupWithoutCoreGroup_CreatesStarfaceGroupWithUser()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");

        var result = await PushAsync(bed, anna.Id);

        result.State.ShouldBe("created");
        var group = bed.Starface.Groups.ShouldHaveSingleItem();
        group.Name.ShouldBe("Sales team");
        group.Members.ShouldBe([int.Parse(result.VendorId!)]);
    }

    [Fact]
    public async Task PushUser_SecondUserOfSameCtiGroup_JoinsExistingStarfaceGroupAndRepeatIsUnchanged()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        bed.Starface.AddInternalNumber("202");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var ben = await bed.AddCtiUserAsync("ben", "202", "SALES");
        var annaId = int.Parse((await PushAsync(bed, anna.Id)).VendorId!);

        var benResult = await PushAsync(bed, ben.Id);
        var repeated = await PushAsync(bed, ben.Id, benResult.VendorId);

        repeated.State.ShouldBe("unchanged");
        bed.Starface.Groups.ShouldHaveSingleItem().Members.ShouldBe([annaId, int.Parse(benResult.VendorId!)], ignoreOrder: true);
    }

    [Fact]
    public async Task PushUser_CtiGroupChanged_MovesUserToOtherStarfaceGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        await bed.CreateGroupAsync("SALES", "Sales team");
        await bed.CreateGroupAsync("SUPPORT", "Support team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var annaId = int.Parse((await PushAsync(bed, anna.Id)).VendorId!);
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = true, ["extension"] = "201", ["ctiGroup"] = "SUPPORT" });

        var result = await PushAsync(bed, anna.Id, annaId.ToString());

        result.State.ShouldBe("updated");
        bed.Starface.Groups.Single(g => g.Name == "Sales team").Members.ShouldBeEmpty();
        bed.Starface.Groups.Single(g => g.Name == "Support team").Members.ShouldBe([annaId]);
    }

    [Fact]
    public async Task PushUser_CtiGroupRenamed_RenamesItsStarfaceGroupInsteadOfCreatingAnother()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var annaId = int.Parse((await PushAsync(bed, anna.Id)).VendorId!);
        var before = bed.Starface.Groups.ShouldHaveSingleItem();
        await bed.InvokeJsonAsync("rename-cti-group", new JsonObject { ["groupId"] = "SALES", ["name"] = "Inside sales" });

        await PushAsync(bed, anna.Id, annaId.ToString());

        var after = bed.Starface.Groups.ShouldHaveSingleItem();
        after.Id.ShouldBe(before.Id);
        after.Name.ShouldBe("Inside sales");
        after.Members.ShouldBe([annaId]);
    }

    [Fact]
    public async Task PushUser_Deactivated_RemovedFromCtiGroupStarfaceGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        var annaId = int.Parse((await PushAsync(bed, anna.Id)).VendorId!);
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false, ["extension"] = "201", ["ctiGroup"] = "SALES" });

        var result = await PushAsync(bed, anna.Id, annaId.ToString());

        result.State.ShouldBe("updated");
        bed.Starface.Groups.ShouldHaveSingleItem().Members.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushUser_InactiveUserWithCtiGroupAndNoStarfaceGroup_CreatesNoGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales team");
        var eve = bed.AddUser("eve");
        await bed.SetUpUserAsync(eve.Id, new JsonObject { ["ctiActive"] = false, ["ctiGroup"] = "SALES" });

        await PushAsync(bed, eve.Id);

        bed.Starface.Groups.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushUser_MemberOfUnrelatedStarfaceGroup_StaysThere()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        await bed.CreateGroupAsync("SALES", "Sales team");
        var annaId = bed.Starface.AddUser("anna", "Anna", "Tester", "anna@example.com");
        var hotline = bed.Starface.AddGroup("Hotline", annaId);
        var anna = await bed.AddCtiUserAsync("anna", "201", "SALES");
        await PushAsync(bed, anna.Id);
        await bed.SetUpUserAsync(anna.Id, new JsonObject { ["ctiActive"] = false, ["extension"] = "201" });

        await PushAsync(bed, anna.Id, annaId.ToString());

        bed.Starface.Groups.Single(g => g.Id == hotline).Members.ShouldBe([annaId]);
        bed.Starface.Groups.Single(g => g.Name == "Sales team").Members.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushUser_NoCtiGroupsDefined_MakesNoGroupCalls()
    {
        await using var bed = await CtiTestBed.StartAsync();
        bed.Starface.AddInternalNumber("201");
        var anna = await bed.AddCtiUserAsync("anna", "201");

        await PushAsync(bed, anna.Id);

        bed.Starface.Calls.ShouldNotContain(c => c.Contains("groups"));
    }

    [Fact]
    public async Task PushGroup_NoCtiGroupMapped_IsSkippedWithoutCallingStarface()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var core = bed.Directory.AddGroup("everyone", "Everyone");

        var result = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(core.Id), PushOperation.Upsert, null, "k1"));

        result.VendorId.ShouldBeNull();
        result.State.ShouldStartWith("skipped");
        bed.Starface.Logins.ShouldBe(0);
    }

    [Fact]
    public async Task PushGroup_DeleteAfterCtiGroupDeleted_DeletesStarfaceGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales team");
        var core = bed.Directory.AddGroup("sales-team", "Sales team (core)", new JsonObject { ["ctiGroup"] = "SALES" });
        var created = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(core.Id), PushOperation.Upsert, null, "k1"));
        await bed.InvokeJsonAsync("delete-cti-group", new JsonObject { ["groupId"] = "SALES" });

        var deleted = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(core.Id), PushOperation.Delete, created.VendorId, "k2"));

        deleted.ShouldBe(new PushResult(null, "deleted"));
        bed.Starface.Groups.ShouldBeEmpty();
    }

    [Fact]
    public async Task PushGroup_DeleteWhileCtiGroupExists_KeepsStarfaceGroup()
    {
        await using var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales team");
        var core = bed.Directory.AddGroup("sales-team", "Sales team (core)", new JsonObject { ["ctiGroup"] = "SALES" });
        var created = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(core.Id), PushOperation.Upsert, null, "k1"));

        var deleted = await bed.Harness.Send(new PushGroup(bed.Directory.GroupContextOf(core.Id), PushOperation.Delete, created.VendorId, "k2"));

        deleted.VendorId.ShouldBeNull();
        deleted.State.ShouldStartWith("kept");
        bed.Starface.Groups.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ListVendorUsers_SeveralPages_ReturnsEveryUserOnceWithInternalNumber()
    {
        await using var bed = await CtiTestBed.StartAsync();
        var ids = Enumerable.Range(1, 5).Select(i => bed.Starface.AddUser($"user{i}", $"First{i}", $"Last{i}", $"user{i}@example.com")).ToList();
        bed.Starface.AddInternalNumber("201", assignedUser: ids[2]);

        var users = new List<VendorUser>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await bed.Harness.Send(new ListVendorUsers(cursor, 2));
            users.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        users.Select(u => u.MatchKey).ShouldBe(["user1", "user2", "user3", "user4", "user5"]);
        users.Select(u => u.VendorId).ShouldBe(ids.Select(i => i.ToString()));
        users[2].Fields["internalNumber"]!.GetValue<string>().ShouldBe("201");
        users[0].Fields["internalNumber"].ShouldBeNull();
        users[0].Fields["familyName"]!.GetValue<string>().ShouldBe("Last1");
    }

    [Fact]
    public async Task ListVendorUsers_ForeignCursor_ThrowsRejected()
    {
        await using var bed = await CtiTestBed.StartAsync();

        await Should.ThrowAsync<VendorRejectedException>(() => bed.Harness.Send(new ListVendorUsers("abc", 10)));
    }
}
