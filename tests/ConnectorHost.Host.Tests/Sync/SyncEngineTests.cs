using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Sync;
using ConnectorHost.Testing;

namespace ConnectorHost.Host.Tests.Sync;

public sealed class SyncEngineTests
{
    [Fact]
    public async Task PutSettings_Committed_WritesOneJob_RefusedWritesNone()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("amy", "100");

        (await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var jobs = await bed.JobsAsync(id);
        jobs.Count.ShouldBe(1);
        jobs[0].Operation.ShouldBe(SyncOperation.Upsert);
        (await bed.StatusAsync())["pending"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Deliver_RepeatedUpdates_CoalescedIntoOnePushOfLatestState()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("ben", "200", "Ben", "One");
        for (var i = 2; i <= 4; i++)
        {
            (await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}", new { firstName = "Ben", lastName = $"Version{i}" })).EnsureSuccessStatusCode();
        }

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        bed.Vendor.Creates.ShouldBe(1);
        bed.Vendor.Users.Single()["displayName"]!.GetValue<string>().ShouldBe("Ben Version4");
        (await bed.JobsAsync(id)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
        (await bed.LinkAsync(id))!.VendorId.ShouldBe(bed.Vendor.Users.Single()["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deliver_LinkLostAfterVendorAccepted_RedeliveryAdoptsInsteadOfDuplicating()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("cleo", "300");
        // As if the host died after the vendor's answer but before recording it: the vendor already has the user.
        bed.Vendor.Seed("cleo", "Earlier Push", "300");

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        bed.Vendor.Users.Count.ShouldBe(1);
        bed.Vendor.Creates.ShouldBe(0);
    }

    [Fact]
    public async Task Deliver_Vendor429WithRetryAfter_RetryNotBeforeTheAskedDelay()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("dan", "400");
        bed.Vendor.FailNext(1, 429, retryAfterSeconds: 30);
        var before = DateTime.UtcNow;

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        var job = (await bed.JobsAsync(id)).Single();
        job.Attempts.ShouldBe(1);
        job.NextAttemptAt.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(30));
        job.LastError!.ShouldContain("retry after 30 s");
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.NothingDue);
    }

    [Fact]
    public async Task Deliver_500ThenSuccess_DeliveredOnSecondAttempt()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("eva", "500");
        bed.Vendor.FailNext(1, 500);

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        bed.Vendor.Users.Single()["login"]!.GetValue<string>().ShouldBe("eva");
    }

    [Fact]
    public async Task Deliver_VendorTooSlow_TimesOutAndSchedulesRetry()
    {
        await using var bed = await SyncTestBed.StartAsync(new() { ["GatewayTimeout"] = "00:00:00.300" });
        var id = await bed.CreateSyncedUserAsync("fay", "600");
        bed.Vendor.SlowNext(1, TimeSpan.FromSeconds(5));

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        (await bed.JobsAsync(id)).Single().LastError.ShouldBe("Vendor did not answer in time.");
    }

    [Fact]
    public async Task Deliver_GarbageBody_SchedulesRetryWithReadableError()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("gus", "700");
        bed.Vendor.GarbageNext(1);

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        (await bed.JobsAsync(id)).Single().LastError!.ShouldContain("not the expected JSON");
    }

    [Fact]
    public async Task Deliver_WrongCredentials_PausesConnectorWithoutRetryStorm()
    {
        await using var bed = await SyncTestBed.StartAsync(apiKey: "wrong-key");
        var first = await bed.CreateSyncedUserAsync("hal", "800");
        var second = await bed.CreateSyncedUserAsync("ida", "801");

        (await bed.DeliverAsync(first)).ShouldBe(DeliveryOutcome.RetryScheduled);
        var callsAfterFirst = bed.Vendor.Calls;
        (await bed.DeliverAsync(second)).ShouldBe(DeliveryOutcome.Blocked);

        bed.Vendor.Calls.ShouldBe(callsAfterFirst);
        var status = await bed.StatusAsync();
        status["blocked"]!.GetValue<string>().ShouldContain("Credentials rejected");
        status["blocked"]!.GetValue<string>().ShouldNotContain("wrong-key");
        (await bed.LinkAsync(first)).ShouldBeNull();
    }

    [Fact]
    public async Task Deliver_FailsMaxAttempts_GoesToDeadLetter_RetryThenDelivers()
    {
        await using var bed = await SyncTestBed.StartAsync(new() { ["MaxAttempts"] = "2" });
        var id = await bed.CreateSyncedUserAsync("jon", "900");
        bed.Vendor.FailNext(2, 503);

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.DeadLettered);

        var dead = await (await bed.Host.Client.GetAsync("/api/sync/dead-letter?connectorId=sample")).ReadObjectAsync();
        dead["totalCount"]!.GetValue<int>().ShouldBe(1);
        dead["items"]![0]!["lastError"]!.GetValue<string>().ShouldContain("HTTP 503");
        (await bed.StatusAsync())["deadLetter"]!.GetValue<int>().ShouldBe(1);

        var retried = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/dead-letter/retry", new { connectorId = "sample" })).ReadObjectAsync();
        retried["count"]!.GetValue<int>().ShouldBe(1);
        // A retried job gets its attempts anew: one more vendor hiccup must not send it straight back to dead-letter.
        bed.Vendor.FailNext(1, 503);
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);
        (await bed.JobsAsync(id)).Single().Attempts.ShouldBe(1);
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.Vendor.Users.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Deliver_VendorRejectsData_DeadLettersAtOnce()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("kai", "1000");
        bed.Vendor.FailNext(1, 422);

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.DeadLettered);

        (await bed.JobsAsync(id)).Single().LastError!.ShouldContain("HTTP 422");
    }

    [Fact]
    public async Task Deliver_VendorKeepsFailing_CircuitOpensAndStopsCalling()
    {
        await using var bed = await SyncTestBed.StartAsync(new() { ["BreakerMinimumThroughput"] = "2", ["BreakerFailureRatio"] = "0.5", ["BreakerBreakDuration"] = "00:05:00" });
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await bed.CreateSyncedUserAsync($"lou{i}", $"11{i}0"));
        }
        bed.Vendor.FailNext(10, 500);

        await bed.DeliverAsync(ids[0]);
        await bed.DeliverAsync(ids[1]);
        var calls = bed.Vendor.Calls;
        (await bed.DeliverAsync(ids[2])).ShouldBe(DeliveryOutcome.Blocked);

        bed.Vendor.Calls.ShouldBe(calls);
        (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe("Open");
    }

    [Fact]
    public async Task Worker_Running_DeliversChangesAndDeletes()
    {
        await using var bed = await SyncTestBed.StartAsync(runWorker: true);
        var id = await bed.CreateSyncedUserAsync("mia", "1200");

        await SyncTestBed.EventuallyAsync(async () => (await bed.LinkAsync(id)) is not null, "mia pushed");
        (await bed.Host.Client.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();
        await SyncTestBed.EventuallyAsync(() => Task.FromResult(bed.Vendor.Users.Count == 0), "mia deleted at vendor");
        // The vendor has the delete a moment before the worker records it as done.
        await SyncTestBed.EventuallyAsync(async () => (await bed.StatusAsync())["pending"]!.GetValue<int>() == 0, "delete job done");

        (await bed.JobsAsync(id)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
        bed.Vendor.Writes.Count(w => w.StartsWith("delete ", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task RemoveUserFromConnector_SettingsDeleted_UserDeletedAtVendorButKeptInCore()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("nils", "1300");
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        (await bed.Host.Client.DeleteAsync($"/api/users/{id}/connectors/sample")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        bed.Vendor.Users.ShouldBeEmpty();
        (await bed.LinkAsync(id)).ShouldBeNull();
        (await bed.Host.Client.GetAsync($"/api/users/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bed.Host.Client.DeleteAsync($"/api/users/{id}/connectors/sample")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RoleRecomposed_HolderThroughGroup_GetsAJobWithTheNewRole()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("ola", "1400");
        var agent = (await (await bed.Host.Client.PostAsJsonAsync("/api/roles", new { key = "agent", name = "Agent" })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        var lead = (await (await bed.Host.Client.PostAsJsonAsync("/api/roles", new { key = "lead", name = "Lead" })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        var team = (await (await bed.Host.Client.PostAsJsonAsync("/api/groups", new { key = "team", name = "Team" })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await bed.Host.Client.PutAsync($"/api/users/{id}/groups/{team}", null)).EnsureSuccessStatusCode();
        (await bed.Host.Client.PutAsync($"/api/groups/{team}/roles/{lead}", null)).EnsureSuccessStatusCode();
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        (await bed.Host.Client.PutAsJsonAsync($"/api/roles/{lead}", new { name = "Lead", includedRoleIds = new[] { agent } })).EnsureSuccessStatusCode();

        (await bed.JobsAsync(id)).Count(j => j.Status == SyncJobStatus.Pending).ShouldBe(1);
        var preview = await (await bed.Host.Client.GetAsync($"/api/users/{id}/connectors/sample/preview")).ReadObjectAsync();
        preview["payload"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["agent", "lead"], ignoreOrder: true);
    }
}
