using System.Net.Http.Json;
using ConnectorHost.Core.Sync;
using Starface.Cti.Testing;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>The sync engine delivering through the real starface-cti plugin to a fake STARFACE.</summary>
public sealed class StarfaceCtiSyncTests
{
    [Fact]
    public async Task Deliver_NewCtiUser_CreatesStarfaceUserThroughLoginHandshakeAndRecordsVendorId()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.CreateCtiUserAsync("anna", "Anna", "Berg", "201");
        (await bed.Host.JobsAsync(id)).Single().Operation.ShouldBe(SyncOperation.Upsert);

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        // The fake only issues a token for the right hash of login, nonce and password.
        bed.Starface.Logins.ShouldBe(1);
        bed.Starface.RejectedLogins.ShouldBe(0);
        var created = bed.StarfaceUser("anna");
        created["firstName"]!.GetValue<string>().ShouldBe("Anna");
        created["familyName"]!.GetValue<string>().ShouldBe("Berg");
        created["email"]!.GetValue<string>().ShouldBe("anna@example.com");
        var starfaceId = created["id"]!.GetValue<int>();
        (await bed.Host.LinkAsync(id))!.VendorId.ShouldBe(starfaceId.ToString());
        bed.Starface.AssignedUserOf("201").ShouldBe(starfaceId);
        bed.Starface.PrimaryInternalNumberIdOf(starfaceId).ShouldNotBeNull();
        (await bed.Host.JobsAsync(id)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
        bed.BusinessCentral.ApiRequests.ShouldBe(0);
    }

    [Fact]
    public async Task Deliver_NameChangedAfterCreate_PushedAsUpdateOfTheSameStarfaceUser()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.CreateCtiUserAsync("ben", "Ben", "Old", "202");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        var starfaceId = bed.StarfaceUser("ben")["id"]!.GetValue<int>();

        await bed.Host.RenameAsync(id, "ben", "Benjamin", "New");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        var user = bed.Starface.Users.ShouldHaveSingleItem();
        user["id"]!.GetValue<int>().ShouldBe(starfaceId);
        user["firstName"]!.GetValue<string>().ShouldBe("Benjamin");
        user["familyName"]!.GetValue<string>().ShouldBe("New");
        bed.Starface.Calls.Count(c => c == "POST /rest/users").ShouldBe(1);
        bed.Starface.Calls.ShouldContain($"PUT /rest/users/{starfaceId}");
        (await bed.Host.LinkAsync(id))!.State.ShouldBe("updated");
    }

    [Fact]
    public async Task WorkerRound_CoreUserDeleted_DeletesStarfaceUserAndLink()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.CreateCtiUserAsync("cleo", "Cleo", "Stone", "203");
        var keep = await bed.CreateCtiUserAsync("dora", "Dora", "Hill", "204");
        (await bed.Host.RunWorkerRoundAsync()).ShouldBe(2);
        var starfaceId = bed.StarfaceUser("cleo")["id"]!.GetValue<int>();

        (await bed.Host.Client.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();
        (await bed.Host.JobsAsync(id)).Last().Operation.ShouldBe(SyncOperation.Delete);
        (await bed.Host.RunWorkerRoundAsync()).ShouldBe(1);

        bed.Starface.User(starfaceId).ShouldBeNull();
        bed.Starface.Users.ShouldHaveSingleItem()["login"]!.GetValue<string>().ShouldBe("dora");
        (await bed.Host.LinkAsync(id)).ShouldBeNull();
        (await bed.Host.LinkAsync(keep)).ShouldNotBeNull();
        (await bed.Host.StatusAsync())["pending"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Plan_UserEditedAtStarface_ShowsFieldDifferenceWithoutWriting()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.CreateCtiUserAsync("emil", "Emil", "Kraft", "205");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        var starfaceId = bed.StarfaceUser("emil")["id"]!.GetValue<int>();
        await bed.EditAtStarfaceAsync(starfaceId, user => user["familyName"] = "Kraft-Edited");
        var callsBefore = bed.Starface.Calls.Count(c => !c.StartsWith("GET ", StringComparison.Ordinal));

        var plan = (await (await bed.Host.Client.GetAsync($"/api/sync/plan?connectorId={StarfaceSyncBed.ConnectorId}")).ReadNodeAsync()).AsArray().Single()!;

        var change = plan["changes"]!.AsArray().Single()!;
        change["name"]!.GetValue<string>().ShouldBe("emil");
        change["action"]!.GetValue<string>().ShouldBe("update");
        change["vendorId"]!.GetValue<string>().ShouldBe(starfaceId.ToString());
        var difference = change["differences"]!.AsArray().Single()!;
        difference["field"]!.GetValue<string>().ShouldBe("familyName");
        difference["vendor"]!.GetValue<string>().ShouldBe("Kraft-Edited");
        difference["desired"]!.GetValue<string>().ShouldBe("Kraft");
        plan["unknownAtVendor"]!.AsArray().ShouldBeEmpty();
        // A dry run: only reads reached STARFACE, and the edit is still there.
        bed.Starface.Calls.Count(c => !c.StartsWith("GET ", StringComparison.Ordinal)).ShouldBe(callsBefore);
        bed.StarfaceUser("emil")["familyName"]!.GetValue<string>().ShouldBe("Kraft-Edited");
    }

    [Fact]
    public async Task Reconcile_UserOnlyAtStarface_ReportedAsUnknownAndLeftAlone()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.CreateCtiUserAsync("fina", "Fina", "Lutz", "206");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        var strangerId = bed.Starface.AddUser("stranger", "Stefan", "Fremd", "stranger@example.com");

        var report = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/reconcile", new { connectorId = StarfaceSyncBed.ConnectorId, repair = true })).ReadObjectAsync();

        var unknown = report["unknownAtVendor"]!.AsArray().Single()!;
        unknown["vendorId"]!.GetValue<string>().ShouldBe(strangerId.ToString());
        unknown["matchKey"]!.GetValue<string>().ShouldBe("stranger");
        report["inSync"]!.GetValue<int>().ShouldBe(1);
        report["missingAtVendor"]!.AsArray().ShouldBeEmpty();
        report["differing"]!.AsArray().ShouldBeEmpty();
        report["orphansToDelete"]!.AsArray().ShouldBeEmpty();
        // Unknown vendor users are never deleted, not even by a repair.
        report["enqueued"]!.GetValue<int>().ShouldBe(0);
        bed.Starface.User(strangerId).ShouldNotBeNull();
    }

    [Fact]
    public async Task Deliver_WrongStarfacePassword_PausesConnectorWithReadableStatusWithoutThePassword()
    {
        const string wrongPassword = "wrong-Pass-9731";
        await using var bed = await StarfaceSyncBed.StartAsync(starfacePassword: wrongPassword);
        var first = await bed.CreateCtiUserAsync("gert", "Gert", "Ro", "207");
        var second = await bed.CreateCtiUserAsync("hana", "Hana", "Yu", "208");

        (await bed.Host.DeliverUserAsync(first)).ShouldBe(DeliveryOutcome.RetryScheduled);
        // Paused: the next user is not tried, so STARFACE sees no second login attempt.
        (await bed.Host.DeliverUserAsync(second)).ShouldBe(DeliveryOutcome.Blocked);

        bed.Starface.RejectedLogins.ShouldBe(1);
        bed.Starface.Users.ShouldBeEmpty();
        (await bed.Host.LinkAsync(first)).ShouldBeNull();
        var status = await bed.Host.StatusAsync();
        var blocked = status["blocked"]!.GetValue<string>();
        blocked.ShouldContain("Credentials rejected");
        blocked.ShouldContain("STARFACE refused the login of '0001'");
        blocked.ShouldContain("starfacePassword");
        var statusText = status.ToJsonString();
        statusText.ShouldNotContain(wrongPassword);
        statusText.ShouldNotContain(FakeStarface.Password);
        (await bed.Host.JobsAsync(first)).Single().LastError!.ShouldNotContain(wrongPassword);
    }

    [Fact]
    public async Task DeliverGroup_CoreGroupMappedToCtiGroup_CreatesStarfaceGroupThenFollowsMembership()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        (await bed.Host.Client.PostAsJsonAsync($"/api/connectors/{StarfaceSyncBed.ConnectorId}/actions/create-cti-group", new { groupId = "SALES", name = "Sales team" }))
            .EnsureSuccessStatusCode();
        var ines = await bed.CreateCtiUserAsync("ines", "Ines", "Ott", "211", ctiGroup: "SALES");
        var jan = await bed.CreateCtiUserAsync("jan", "Jan", "Pohl", "212");
        // The users reach STARFACE first: a group push assigns only users STARFACE already has. Ines's own CTI
        // group already gives her the STARFACE group through her user push; the core group push adopts it by name.
        (await bed.Host.RunWorkerRoundAsync()).ShouldBe(2);
        var inesAtStarface = bed.StarfaceUser("ines")["id"]!.GetValue<int>();
        var janAtStarface = bed.StarfaceUser("jan")["id"]!.GetValue<int>();
        var group = (await (await bed.Host.Client.PostAsJsonAsync("/api/groups", new { key = "sales-team", name = "Sales team (core)" })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await bed.Host.Client.PutAsJsonAsync($"/api/groups/{group}/connectors/{StarfaceSyncBed.ConnectorId}", new { ctiGroup = "sales" })).EnsureSuccessStatusCode();

        (await bed.Host.DeliverGroupAsync(group)).ShouldBe(DeliveryOutcome.Delivered);

        var created = bed.Starface.Groups.ShouldHaveSingleItem();
        created.Name.ShouldBe("Sales team");
        created.Members.ShouldBe([inesAtStarface]);
        (await bed.Host.LinkAsync(group))!.VendorId.ShouldBe(created.Id.ToString());

        // Jan has no own CTI group: joining the mapped core group gives him SALES, and the group job follows.
        (await bed.Host.Client.PutAsync($"/api/users/{jan}/groups/{group}", null)).EnsureSuccessStatusCode();
        (await bed.Host.RunWorkerRoundAsync()).ShouldBe(2);

        var updated = bed.Starface.Groups.ShouldHaveSingleItem();
        updated.Id.ShouldBe(created.Id);
        updated.Members.ShouldBe([inesAtStarface, janAtStarface], ignoreOrder: true);
        (await bed.Host.JobsAsync(group)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
        (await bed.Host.JobsAsync(ines)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
    }

    [Fact]
    public async Task Deliver_UserTakenOffConnector_DeletesStarfaceUserButKeepsCoreUser()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.CreateCtiUserAsync("kai", "Kai", "Linn", "213");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        (await bed.Host.Client.DeleteAsync($"/api/users/{id}/connectors/{StarfaceSyncBed.ConnectorId}")).EnsureSuccessStatusCode();
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        bed.Starface.Users.ShouldBeEmpty();
        (await bed.Host.LinkAsync(id)).ShouldBeNull();
        (await bed.Host.Client.GetAsync($"/api/users/{id}")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Deliver_Starface503WithRetryAfter_RetryNotScheduledBeforeTheAskedDelay()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.CreateCtiUserAsync("lea", "Lea", "Moor", "214");
        bed.Starface.FailWith = 503;
        var before = DateTime.UtcNow;

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        var job = (await bed.Host.JobsAsync(id)).Single();
        job.NextAttemptAt.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(30));
        job.LastError!.ShouldContain("STARFACE answered HTTP 503");
        (await bed.Host.StatusAsync())["blocked"].ShouldBeNull();

        bed.Starface.FailWith = null;
        await bed.Host.MakeDueAsync(id);
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.Starface.Users.ShouldHaveSingleItem()["login"]!.GetValue<string>().ShouldBe("lea");
    }

    [Fact]
    public async Task Deliver_LoginHeldByAccountStarfaceDoesNotList_DeadLetteredAtFirstAttempt()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        // STARFACE answers the duplicate as its spec does (500, JSON error); the connector's user cannot list the holder.
        bed.Starface.ReserveLogin("mia");
        var id = await bed.CreateCtiUserAsync("mia", "Mia", "Roth", "215");

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.DeadLettered);

        var job = (await bed.Host.JobsAsync(id)).Single();
        job.Status.ShouldBe(SyncJobStatus.DeadLetter);
        job.Attempts.ShouldBe(1);
        job.LastError!.ShouldContain("already exists");
        bed.Starface.Calls.Count(c => c == "POST /rest/users").ShouldBe(1);
        (await bed.Host.LinkAsync(id)).ShouldBeNull();
    }

    [Fact]
    public async Task DeliverGroup_CoreGroupDeletedWhileCtiGroupExists_KeepsStarfaceGroupWithoutItsMembers()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        (await bed.Host.Client.PostAsJsonAsync($"/api/connectors/{StarfaceSyncBed.ConnectorId}/actions/create-cti-group", new { groupId = "SUPPORT", name = "Support" }))
            .EnsureSuccessStatusCode();
        var own = await bed.CreateCtiUserAsync("mara", "Mara", "Nord", "215", ctiGroup: "SUPPORT");
        var viaGroup = await bed.CreateCtiUserAsync("nils", "Nils", "Ost", "216");
        var group = (await (await bed.Host.Client.PostAsJsonAsync("/api/groups", new { key = "support", name = "Support (core)" })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await bed.Host.Client.PutAsJsonAsync($"/api/groups/{group}/connectors/{StarfaceSyncBed.ConnectorId}", new { ctiGroup = "SUPPORT" })).EnsureSuccessStatusCode();
        (await bed.Host.Client.PutAsync($"/api/users/{viaGroup}/groups/{group}", null)).EnsureSuccessStatusCode();
        (await bed.Host.DeliverUserAsync(own)).ShouldBe(DeliveryOutcome.Delivered);
        (await bed.Host.DeliverUserAsync(viaGroup)).ShouldBe(DeliveryOutcome.Delivered);
        (await bed.Host.DeliverGroupAsync(group)).ShouldBe(DeliveryOutcome.Delivered);
        var starfaceGroup = bed.Starface.Groups.ShouldHaveSingleItem();
        starfaceGroup.Members.Count.ShouldBe(2);

        (await bed.Host.Client.DeleteAsync($"/api/groups/{group}")).EnsureSuccessStatusCode();
        (await bed.Host.JobsAsync(group)).Last().Operation.ShouldBe(SyncOperation.Delete);
        (await bed.Host.DeliverGroupAsync(group)).ShouldBe(DeliveryOutcome.Delivered);

        // The CTI group lives on (Mara has it herself); Nils had it only through the deleted core group.
        var kept = bed.Starface.Groups.ShouldHaveSingleItem();
        kept.Id.ShouldBe(starfaceGroup.Id);
        kept.Members.ShouldBe([bed.StarfaceUser("mara")["id"]!.GetValue<int>()]);
        (await bed.Host.LinkAsync(group)).ShouldBeNull();
    }

    [Fact]
    public async Task WorkerRounds_UserWithOwnCtiGroupCreatedAfterGroupPush_JoinsStarfaceGroup()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        (await bed.Host.Client.PostAsJsonAsync($"/api/connectors/{StarfaceSyncBed.ConnectorId}/actions/create-cti-group", new { groupId = "SALES", name = "Sales team" })).EnsureSuccessStatusCode();
        var first = await bed.CreateCtiUserAsync("ines", "Ines", "Ott", "211", ctiGroup: "SALES");
        var group = (await (await bed.Host.Client.PostAsJsonAsync("/api/groups", new { key = "sales-team", name = "Sales team (core)" })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await bed.Host.Client.PutAsJsonAsync($"/api/groups/{group}/connectors/{StarfaceSyncBed.ConnectorId}", new { ctiGroup = "SALES" })).EnsureSuccessStatusCode();
        await bed.Host.RunWorkerUntilIdleAsync();
        bed.Starface.Groups.Single().Members.ShouldBe([bed.StarfaceUser("ines")["id"]!.GetValue<int>()]);

        // Kim's own CTI group setting (no core membership) must reach the STARFACE group too.
        await bed.CreateCtiUserAsync("kim", "Kim", "Lo", "212", ctiGroup: "SALES");
        await bed.Host.RunWorkerUntilIdleAsync();

        bed.Starface.Groups.Single().Members.ShouldBe(
            [bed.StarfaceUser("ines")["id"]!.GetValue<int>(), bed.StarfaceUser("kim")["id"]!.GetValue<int>()], ignoreOrder: true);
    }

    [Fact]
    public async Task WorkerRounds_OwnCtiGroupWithoutCoreGroup_StarfaceGroupFollowsUserSetting()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        foreach (var (groupId, name) in new[] { ("SALES", "Sales team"), ("SUPPORT", "Support") })
        {
            (await bed.Host.Client.PostAsJsonAsync($"/api/connectors/{StarfaceSyncBed.ConnectorId}/actions/create-cti-group", new { groupId, name })).EnsureSuccessStatusCode();
        }
        var hotline = bed.Starface.AddGroup("Hotline");
        var olga = await bed.CreateCtiUserAsync("olga", "Olga", "Peters", "221", ctiGroup: "SALES");
        await RunUntilIdleAsync(bed);
        var olgaAtStarface = bed.StarfaceUser("olga")["id"]!.GetValue<int>();

        bed.Starface.Groups.Single(g => g.Name == "Sales team").Members.ShouldBe([olgaAtStarface]);
        bed.Starface.Groups.ShouldNotContain(g => g.Name == "Support");

        await bed.Host.PutUserSettingsAsync(olga, new { ctiActive = true, extension = "221", ctiGroup = "SUPPORT" });
        await RunUntilIdleAsync(bed);

        bed.Starface.Groups.Single(g => g.Name == "Sales team").Members.ShouldBeEmpty();
        bed.Starface.Groups.Single(g => g.Name == "Support").Members.ShouldBe([olgaAtStarface]);

        await bed.Host.PutUserSettingsAsync(olga, new { ctiActive = false, extension = "221", ctiGroup = "SUPPORT" });
        await RunUntilIdleAsync(bed);

        bed.Starface.Groups.Single(g => g.Name == "Support").Members.ShouldBeEmpty();
        bed.Starface.Groups.Single(g => g.Id == hotline).Members.ShouldBeEmpty();
        bed.Starface.Groups.Count.ShouldBe(3);
        (await bed.Host.JobsAsync(olga)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
    }

    private static async Task RunUntilIdleAsync(StarfaceSyncBed bed)
    {
        await bed.Host.RunWorkerUntilIdleAsync();
    }

    [Fact]
    public async Task DeliverGroupBeforeNewMember_MemberAssignedOnceTheUserExists()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        (await bed.Host.Client.PostAsJsonAsync($"/api/connectors/{StarfaceSyncBed.ConnectorId}/actions/create-cti-group", new { groupId = "SALES", name = "Sales team" })).EnsureSuccessStatusCode();
        var group = (await (await bed.Host.Client.PostAsJsonAsync("/api/groups", new { key = "sales-team", name = "Sales team (core)" })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await bed.Host.Client.PutAsJsonAsync($"/api/groups/{group}/connectors/{StarfaceSyncBed.ConnectorId}", new { ctiGroup = "SALES" })).EnsureSuccessStatusCode();
        var jan = await bed.CreateCtiUserAsync("jan", "Jan", "Pohl", "213");
        (await bed.Host.Client.PutAsync($"/api/users/{jan}/groups/{group}", null)).EnsureSuccessStatusCode();

        // The worst order: the group goes out while Jan does not exist at STARFACE yet.
        (await bed.Host.DeliverGroupAsync(group)).ShouldBe(DeliveryOutcome.Delivered);
        bed.Starface.Groups.Single().Members.ShouldBeEmpty();
        (await bed.Host.DeliverUserAsync(jan)).ShouldBe(DeliveryOutcome.Delivered);
        await bed.Host.RunWorkerUntilIdleAsync();

        bed.Starface.Groups.Single().Members.ShouldBe([bed.StarfaceUser("jan")["id"]!.GetValue<int>()]);
    }

    [Fact]
    public async Task WorkerRounds_UserProfileChangedOrNewMemberCreated_PushesOnlyGroupsWhoseMembersChanged()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var sales = await MappedGroupAsync(bed, "SALES", "sales-team");
        var support = await MappedGroupAsync(bed, "SUPPORT", "support-team");
        var ines = await bed.CreateCtiUserAsync("ines", "Ines", "Ott", "221");
        var ola = await bed.CreateCtiUserAsync("ola", "Ola", "Berg", "222");
        (await bed.Host.Client.PutAsync($"/api/users/{ines}/groups/{sales}", null)).EnsureSuccessStatusCode();
        (await bed.Host.Client.PutAsync($"/api/users/{ola}/groups/{support}", null)).EnsureSuccessStatusCode();
        await bed.Host.RunWorkerUntilIdleAsync();
        var salesPushes = (await bed.Host.JobsAsync(sales)).Count;
        var supportPushes = (await bed.Host.JobsAsync(support)).Count;
        var callsBefore = bed.Starface.Calls.Count;

        // A profile edit changes no group's members: only Ines herself goes out again.
        (await bed.Host.Client.PutAsJsonAsync($"/api/users/{ines}", new { firstName = "Ines", lastName = "Ottmann", email = "ines@example.com" })).EnsureSuccessStatusCode();
        (await bed.Host.RunWorkerRoundAsync()).ShouldBe(1);
        (await bed.Host.RunWorkerRoundAsync()).ShouldBe(0);

        var writes = bed.Starface.Calls.Skip(callsBefore).Where(c => !c.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        writes.ShouldBe([$"PUT /rest/users/{bed.StarfaceUser("ines")["id"]}"]);
        (await bed.Host.JobsAsync(sales)).Count.ShouldBe(salesPushes);
        (await bed.Host.JobsAsync(support)).Count.ShouldBe(supportPushes);

        // A new member created at STARFACE: its group follows, the other group is left alone.
        var kim = await bed.CreateCtiUserAsync("kim", "Kim", "Lo", "223");
        (await bed.Host.Client.PutAsync($"/api/users/{kim}/groups/{sales}", null)).EnsureSuccessStatusCode();
        await bed.Host.RunWorkerUntilIdleAsync();

        (await bed.Host.JobsAsync(support)).Count.ShouldBe(supportPushes);
        (await bed.Host.JobsAsync(sales)).Count.ShouldBeGreaterThan(salesPushes);
        bed.Starface.Groups.Single(g => g.Name == "SALES").Members.ShouldBe(
            [bed.StarfaceUser("ines")["id"]!.GetValue<int>(), bed.StarfaceUser("kim")["id"]!.GetValue<int>()], ignoreOrder: true);
    }

    private static async Task<Guid> MappedGroupAsync(StarfaceSyncBed bed, string ctiGroup, string key)
    {
        (await bed.Host.Client.PostAsJsonAsync($"/api/connectors/{StarfaceSyncBed.ConnectorId}/actions/create-cti-group", new { groupId = ctiGroup, name = ctiGroup })).EnsureSuccessStatusCode();
        var group = (await (await bed.Host.Client.PostAsJsonAsync("/api/groups", new { key, name = key })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await bed.Host.Client.PutAsJsonAsync($"/api/groups/{group}/connectors/{StarfaceSyncBed.ConnectorId}", new { ctiGroup })).EnsureSuccessStatusCode();
        return group;
    }
}
