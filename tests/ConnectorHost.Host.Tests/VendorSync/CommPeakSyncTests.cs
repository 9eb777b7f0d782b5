using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommPeak.Dialer.Testing;
using ConnectorHost.Core.Sync;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>The real host with the commpeak-dialer plugin: the API's answers and the sync engine delivering to a fake CommPeak.</summary>
public sealed class CommPeakSyncTests
{
    [Fact]
    public async Task PutSettings_UserWithoutEmail_400NamingEmail()
    {
        await using var bed = await CommPeakSyncBed.StartAsync();
        var id = (await bed.Host.Host.CreateUserAsync("ann", "Ann", "Lee"))["id"]!.GetValue<Guid>();

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/commpeak-dialer", new { roles = new[] { "1" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["email"]![0]!.GetValue<string>().ShouldContain("mandatory at CommPeak");
    }

    [Fact]
    public async Task PutSettings_NoRole_400NamingRoles()
    {
        await using var bed = await CommPeakSyncBed.StartAsync();
        var id = await bed.Host.CreateUserAsync("ann", "Ann", "Lee");

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/commpeak-dialer", new { sipOption = "webrtc" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadObjectAsync())["errors"]!["roles"]![0]!.GetValue<string>().ShouldContain("at least one role");
    }

    [Fact]
    public async Task UpdateUser_ClearingEmailOfCommPeakUser_400NamingTheConnector()
    {
        await using var bed = await CommPeakSyncBed.StartAsync();
        var id = await bed.CreateAgentAsync("ann", new JsonObject { ["roles"] = new JsonArray("1") });

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}", new { firstName = "Ann", lastName = "Lee", email = (string?)null });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        problem["errors"]!["email"]![0]!.GetValue<string>().ShouldContain("CommPeak Dialer (commpeak-dialer) needs the user's email");
        problem["errorCodes"]!["email"]![0]!.GetValue<string>().ShouldBe("required_by_connector");
    }

    [Fact]
    public async Task RoleSettings_CoreRoleMapsCommPeakRole_UserWithoutOwnRoleAcceptedAndPushedWithIt()
    {
        await using var bed = await CommPeakSyncBed.StartAsync();
        var role = (await (await bed.Host.Client.PostAsJsonAsync("/api/roles", new { key = "team-lead", name = "Team lead" })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await bed.Host.Client.PutAsJsonAsync($"/api/roles/{role}/connectors/commpeak-dialer", new { roles = new[] { "2" } })).EnsureSuccessStatusCode();
        var id = await bed.Host.CreateUserAsync("ann", "Ann", "Lee");
        (await bed.Host.Client.PutAsync($"/api/users/{id}/roles/{role}", null)).EnsureSuccessStatusCode();

        await bed.Host.PutUserSettingsAsync(id, new JsonObject());
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        bed.CommPeak.UserNamed("ann")["roles"]!.ToJsonString().ShouldBe("""["2"]""");
    }

    [Fact]
    public async Task Options_Roles_CommPeakIdsAndNamesThroughTheApi()
    {
        await using var bed = await CommPeakSyncBed.StartAsync();

        var body = await (await bed.Host.Client.GetAsync("/api/connectors/commpeak-dialer/options/roles")).ReadObjectAsync();

        body["items"]!.AsArray().Select(i => $"{i!["value"]}={i["label"]!["en"]}").ShouldBe(["1=Agent", "2=Supervisor"]);
    }

    [Fact]
    public async Task Deliver_CreateUpdateThenCoreDelete_CreatedUpdatedAndDeactivatedAtCommPeak()
    {
        await using var bed = await CommPeakSyncBed.StartAsync();
        var id = await bed.CreateAgentAsync("ann", new JsonObject { ["roles"] = new JsonArray("1"), ["virtualExtension"] = "501" });

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        var vendorId = bed.CommPeak.UserNamed("ann")["id"]!.GetValue<string>();
        (await bed.Host.LinkAsync(id))!.VendorId.ShouldBe(vendorId);
        bed.CommPeak.UserNamed("ann")["virtual_extension"]!.GetValue<string>().ShouldBe("501");

        await bed.Host.RenameAsync(id, "ann", "Ann", "Lee-Smith");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.CommPeak.UserNamed("ann")["last_name"]!.GetValue<string>().ShouldBe("Lee-Smith");

        (await bed.Host.Client.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        // CommPeak documents no delete: the user stays there, inactive.
        bed.CommPeak.Users.Count.ShouldBe(1);
        bed.CommPeak.Users[vendorId]["is_active"]!.GetValue<string>().ShouldBe("0");
        bed.CommPeak.Calls.ShouldNotContain(c => c.Method == "DELETE");
        bed.CommPeak.Calls.Count(c => c.Method == "POST").ShouldBe(1);
    }

    [Fact]
    public async Task PutSettings_WrongApiPassword_400SayingTheRolesCouldNotBeLoadedWithoutLeakingIt()
    {
        const string wrong = "not-the-password-8812";
        await using var bed = await CommPeakSyncBed.StartAsync(password: wrong);
        var id = await bed.Host.CreateUserAsync("ann", "Ann", "Lee");

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/commpeak-dialer", new { roles = new[] { "1" } });

        // CommPeak's role list cannot be read with the wrong password, so no role can be checked.
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        problem["errorCodes"]!["roles"]![0]!.GetValue<string>().ShouldBe("options_unavailable");
        problem.ToJsonString().ShouldNotContain(wrong);
    }

    [Fact]
    public async Task Deliver_PasswordResetAtCommPeak_ConnectorBlockedWithoutLeakingThePassword()
    {
        await using var bed = await CommPeakSyncBed.StartAsync();
        var id = await bed.CreateAgentAsync("ann", new JsonObject { ["roles"] = new JsonArray("1") });
        bed.CommPeak.Password = "rotated-at-commpeak";

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        var status = await bed.Host.StatusAsync();
        status["blocked"]!.GetValue<string>().ShouldContain("HTTP 401");
        status.ToJsonString().ShouldNotContain(FakeCommPeak.DefaultPassword);
        (await bed.Host.LinkAsync(id)).ShouldBeNull();
        bed.CommPeak.Users.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deliver_CommPeak429WithRetryAfter_RetryNotBeforeTheAskedDelay()
    {
        await using var bed = await CommPeakSyncBed.StartAsync();
        var id = await bed.CreateAgentAsync("ann", new JsonObject { ["roles"] = new JsonArray("1") });
        bed.CommPeak.Fail(429, retryAfter: "120");
        var before = DateTime.UtcNow;

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        var job = (await bed.Host.JobsAsync(id)).Single();
        job.Status.ShouldBe(SyncJobStatus.Pending);
        job.NextAttemptAt.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(120));
        job.LastError!.ShouldContain("HTTP 429");
        bed.CommPeak.Users.ShouldBeEmpty();

        await bed.Host.MakeDueAsync(id);
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.CommPeak.UserNamed("ann")["email"]!.GetValue<string>().ShouldBe("ann@example.com");
    }
}
