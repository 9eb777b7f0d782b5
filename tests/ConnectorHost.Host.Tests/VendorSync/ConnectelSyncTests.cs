using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Connectel.Testing;
using ConnectorHost.Core.Sync;
using Microsoft.Extensions.Logging;
using ConnectorHost.Testing;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>The sync engine delivering through the real connectel plugin to a fake Connectel, and its rules through the API.</summary>
public sealed class ConnectelSyncTests
{
    [Fact]
    public async Task Deliver_NewSupervisor_CreatedAtConnectelAndRoleAndNumberKept()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var id = await bed.CreateSupervisorAsync("ann.lee", "Ann", "Lee");
        var preview = await (await bed.Host.Client.GetAsync($"{bed.SettingsPath(id)}/preview")).ReadObjectAsync();

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        var row = bed.Connectel.UserNamed("ann.lee");
        row["role"]!.GetValue<string>().ShouldBe("user");
        row["internal"]!.GetValue<string>().ShouldBe("3000");
        preview.ToJsonString().ShouldContain("\"internal\":\"3000\"");
        (await bed.Host.LinkAsync(id))!.VendorId.ShouldBe(row["id"]!.GetValue<int>().ToString());
        var settings = await bed.SettingsAsync(id);
        settings["role"]!.GetValue<string>().ShouldBe("User");
        settings["internalNumber"]!.GetValue<string>().ShouldBe("3000");
        // The key came from the environment reference in plugins.json.
        bed.Connectel.Calls.ShouldAllBe(c => c.Path.Contains($"apikey={FakeConnectel.DefaultApiKey}"));
    }

    [Fact]
    public async Task Deliver_SettingsChangedAfterCreate_SameRecordUpdatedAndPlanUnchanged()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var id = await bed.CreateSupervisorAsync("bo.kim", "Bo", "Kim");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        (await bed.PutSettingsAsync(id, new { role = "User", userProfile = bed.Profile, transport = "wss", codecs = new[] { "opus" } })).EnsureSuccessStatusCode();
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        var row = bed.Connectel.UserNamed("bo.kim");
        row["transport"]!.GetValue<string>().ShouldBe("wss");
        row["allow"]!.GetValue<string>().ShouldBe("opus");
        bed.Connectel.Calls.Count(c => c.Method == "POST" && c.PathOnly == "/api/users").ShouldBe(1);
        var plan = (await (await bed.Host.Client.GetAsync($"/api/sync/plan?connectorId={ConnectelSyncBed.ConnectorId}")).ReadNodeAsync()).AsArray().Single()!;
        var change = plan["changes"]!.AsArray().Single()!;
        change["action"]!.GetValue<string>().ShouldBe("unchanged", change.ToJsonString());
    }

    [Fact]
    public async Task Deliver_CoreUserDisabledThenDeleted_DisabledThenRemovedAtConnectel()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var id = await bed.CreateSupervisorAsync("cy.ng", "Cy", "Ng");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        (await bed.Host.Client.PostAsync($"/api/users/{id}/disable", null)).EnsureSuccessStatusCode();
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.Connectel.UserNamed("cy.ng")["disabled"]!.GetValue<bool>().ShouldBeTrue();

        (await bed.Host.Client.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.Connectel.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deliver_Connectel429WithRetryAfter_RetryNotBeforeTheAskedDelayThenDelivered()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var id = await bed.CreateSupervisorAsync("dee.ro", "Dee", "Ro");
        bed.Connectel.Fail(429, retryAfter: "120");
        var before = DateTime.UtcNow;

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        var job = (await bed.Host.JobsAsync(id)).Single();
        job.NextAttemptAt.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(120));
        job.LastError!.ShouldContain("HTTP 429");
        bed.Connectel.Users.ShouldBeEmpty();
        await bed.Host.MakeDueAsync(id);
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.Connectel.UserNamed("dee.ro").ShouldNotBeNull();
    }

    [Fact]
    public async Task Deliver_WrongApiKey_ConnectorPausedWithoutLeakingTheKey()
    {
        const string wrongKey = "not-the-connectel-key-913";
        await using var bed = await ConnectelSyncBed.StartAsync(apiKey: wrongKey);
        // An Admin needs no user profile, whose list could not be loaded with this key.
        var id = await bed.Host.CreateUserAsync("eli.fox", "Eli", "Fox");
        await bed.Host.PutUserSettingsAsync(id, new { role = "Admin", password = "Start-Pass1!" });

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        var status = await bed.Host.StatusAsync();
        status["blocked"]!.GetValue<string>().ShouldContain("the credentials were refused or lack permission; check the connector's apiKey setting.");
        status.ToJsonString().ShouldNotContain(wrongKey);
        (await bed.Host.LinkAsync(id)).ShouldBeNull();
        bed.Connectel.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task PutSettings_TwentyUsersAtOnceWithAutoNumbers_EveryNumberDifferent()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await bed.Host.CreateUserAsync($"user{i}", "User", $"Number{i}"));
        }

        var responses = await Task.WhenAll(ids.Select(id => bed.PutSettingsAsync(id, new { role = "Admin", password = "Start-Pass1!" })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var numbers = new List<string>();
        foreach (var id in ids)
        {
            numbers.Add((await bed.SettingsAsync(id))["internalNumber"]!.GetValue<string>());
        }
        numbers.Distinct().Count().ShouldBe(20);
        numbers.ShouldAllBe(n => int.Parse(n) >= 3000 && int.Parse(n) < 3020);
    }

    [Fact]
    public async Task Password_AfterPush_NeitherInResponsesAuditLogsNorDatabaseFile()
    {
        const string password = "Init-Pw-44871!";
        var logs = new CapturedLogs(LogLevel.Information);
        await using var connectel = await FakeConnectel.StartAsync();
        var profile = connectel.AddProfile("Sales supervisors");
        await using var host = await TestHost.StartAsync(
            TestHost.PluginsJson((ConnectelSyncBed.ConnectorId, "Connectel", new JsonObject { ["baseUrl"] = connectel.BaseAddress.AbsoluteUri, ["apiKey"] = FakeConnectel.DefaultApiKey })),
            runSyncWorker: false, logging: b => b.AddProvider(logs));
        var id = (await host.CreateUserAsync("fay.oh", "Fay", "Oh", "fay@example.com"))["id"]!.GetValue<Guid>();
        var path = $"/api/users/{id}/connectors/{ConnectelSyncBed.ConnectorId}";

        var put = await host.Client.PutAsJsonAsync(path, new { role = "User", userProfile = profile, password });
        var push = await host.Client.PostAsJsonAsync("/api/sync/push", new { connectorId = ConnectelSyncBed.ConnectorId, userId = id });

        push.IsSuccessStatusCode.ShouldBeTrue(await push.Content.ReadAsStringAsync());
        connectel.Passwords.Values.ShouldHaveSingleItem().ShouldBe(password);
        var responses = await put.Content.ReadAsStringAsync()
            + await push.Content.ReadAsStringAsync()
            + await (await host.Client.GetAsync(path)).Content.ReadAsStringAsync()
            + await (await host.Client.GetAsync($"{path}/preview")).Content.ReadAsStringAsync()
            + await (await host.Client.GetAsync("/api/audit")).Content.ReadAsStringAsync();
        responses.ShouldNotContain(password);
        logs.Entries.ShouldNotContain(l => l.Message.Contains(password) || (l.Exception != null && l.Exception.ToString().Contains(password)));
        foreach (string file in new[] { host.DatabaseFile, host.DatabaseFile + "-wal" }.Where(System.IO.File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            copy.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(password)).ShouldBe(-1, $"{Path.GetFileName(file)} holds the password in clear");
        }
    }

    [Fact]
    public async Task Api_UppercaseUsername_400WithSuggestionAndRoleChange_400()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var id = await bed.Host.CreateUserAsync("gil.ma", "Gil", "Ma");

        var upper = await bed.PutSettingsAsync(id, new { role = "Admin", password = "Start-Pass1!", username = "Gil.Ma" });
        (await bed.PutSettingsAsync(id, new { role = "Admin", password = "Start-Pass1!" })).EnsureSuccessStatusCode();
        var roleChange = await bed.PutSettingsAsync(id, new { role = "User", userProfile = bed.Profile });

        upper.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await upper.ReadObjectAsync())["errors"]!["username"]![0]!.GetValue<string>().ShouldContain("use 'gil.ma'");
        roleChange.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await roleChange.ReadObjectAsync())["errors"]!["role"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Api_ClearEmailOfConnectelUser_Refused()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var id = await bed.CreateSupervisorAsync("hal.yo", "Hal", "Yo");

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}", new { firstName = "Hal", lastName = "Yo", email = (string?)null });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("email");
    }

    [Fact]
    public async Task Action_DeleteProfileHeldByAUser_409NamingThem()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        await bed.CreateSupervisorAsync("ida.su", "Ida", "Su");

        var response = await bed.Host.Client.PostAsJsonAsync($"/api/connectors/{ConnectelSyncBed.ConnectorId}/actions/delete-profile", new { id = bed.Profile });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Ida Su");
        bed.Connectel.Profiles.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Action_ResetPassword_ShownOnceNotStored()
    {
        await using var bed = await ConnectelSyncBed.StartAsync(securitySuite: true);
        var id = await bed.CreateSupervisorAsync("jo.lu", "Jo", "Lu");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        var response = await bed.Host.Client.PostAsync($"/api/connectors/{ConnectelSyncBed.ConnectorId}/actions/reset-password?userId={id}", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var temporary = (await response.ReadObjectAsync())["temporaryPassword"]!.GetValue<string>();
        bed.Connectel.Passwords.Values.ShouldHaveSingleItem().ShouldBe(temporary);
        (await (await bed.Host.Client.GetAsync("/api/audit")).Content.ReadAsStringAsync()).ShouldNotContain(temporary);
        // The reset time Connectel reports is in the user's settings at once, not only after the next push.
        (await bed.SettingsAsync(id))["lastPasswordReset"]!.GetValue<string>().ShouldBe(bed.Connectel.UserNamed("jo.lu")["lastPasswordReset"]!.GetValue<string>());
    }

    [Fact]
    public async Task Action_Unlock_StoredLockedClearedAtOnceWithoutAnotherPush()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var id = await bed.CreateSupervisorAsync("lu.ko", "Lu", "Ko");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.Connectel.Lock("lu.ko");
        await bed.Host.PutUserSettingsAsync(id, new { role = "User", userProfile = bed.Profile, password = "Start-Pass1!", description = "Team lead" });
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        (await bed.SettingsAsync(id))["locked"]!.GetValue<bool>().ShouldBeTrue();
        var jobs = (await bed.Host.JobsAsync(id)).Count;

        var response = await bed.Host.Client.PostAsync($"/api/connectors/{ConnectelSyncBed.ConnectorId}/actions/unlock?userId={id}", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bed.SettingsAsync(id))["locked"]!.GetValue<bool>().ShouldBeFalse();
        (await bed.Host.JobsAsync(id)).Count.ShouldBe(jobs);
        bed.Connectel.UserNamed("lu.ko")["locked"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Deliver_RoleAndProfileFromRoleSettings_UserCreatedAsSupervisorInThatProfile()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var role = (await (await bed.Host.Client.PostAsJsonAsync("/api/roles", new { key = "supervisors", name = "Supervisors" })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        var put = await bed.Host.Client.PutAsJsonAsync($"/api/roles/{role}/connectors/{ConnectelSyncBed.ConnectorId}", new { role = "User", userProfile = bed.Profile });
        put.IsSuccessStatusCode.ShouldBeTrue(await put.Content.ReadAsStringAsync());
        var id = await bed.Host.CreateUserAsync("kai.mo", "Kai", "Mo");
        (await bed.Host.Client.PutAsync($"/api/users/{id}/roles/{role}", null)).EnsureSuccessStatusCode();
        await bed.Host.PutUserSettingsAsync(id, new { password = "Start-Pass1!" });

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        var row = bed.Connectel.UserNamed("kai.mo");
        row["role"]!.GetValue<string>().ShouldBe("user");
        row["UserProfileId"]!.GetValue<int>().ToString().ShouldBe(bed.Profile);
    }

    [Fact]
    public async Task Action_CanPickUpAsGet_CallGroups1And3To5VsPickup4_True()
    {
        await using var bed = await ConnectelSyncBed.StartAsync();
        var ringing = await bed.CreateSupervisorAsync("lu.pa", "Lu", "Pa", new JsonObject { ["callGroups"] = "1,3-5" });
        var picker = await bed.CreateSupervisorAsync("mo.ri", "Mo", "Ri", new JsonObject { ["pickupGroups"] = "4" });

        var answer = await (await bed.Host.Client.GetAsync($"/api/connectors/{ConnectelSyncBed.ConnectorId}/actions/can-pick-up?userId={ringing}&from={picker}")).ReadObjectAsync();

        answer["canPickUp"]!.GetValue<bool>().ShouldBeTrue(answer.ToJsonString());
        answer["matchingGroups"]!.AsArray().Select(g => g!.GetValue<int>()).ShouldBe([4]);
    }
}
