using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Sync;
using ConnectorHost.Sync;
using ConnectorHost.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectorHost.Host.Tests.Sync;

public sealed class PlanPushReconcileTests
{
    [Fact]
    public async Task Plan_MixedState_ListsCreateUpdateWithDiffAndUnknown_WithoutWriting()
    {
        await using var bed = await SyncTestBed.StartAsync();
        await bed.CreateSyncedUserAsync("nia", "1300", "Nia", "New");
        await bed.CreateSyncedUserAsync("olaf", "1400", "Olaf", "Current");
        bed.Vendor.Seed("olaf", "Olaf Outdated", "1400");
        bed.Vendor.Seed("stranger", "Not In Core");
        var calls = bed.Vendor.Calls;

        var plan = (await (await bed.Host.Client.GetAsync("/api/sync/plan?connectorId=sample")).ReadNodeAsync()).AsArray().Single()!;

        var changes = plan["changes"]!.AsArray();
        var nia = changes.Single(c => c!["name"]!.GetValue<string>() == "nia")!;
        nia["action"]!.GetValue<string>().ShouldBe("create");
        var olaf = changes.Single(c => c!["name"]!.GetValue<string>() == "olaf")!;
        olaf["action"]!.GetValue<string>().ShouldBe("update");
        var diff = olaf["differences"]!.AsArray().Single()!;
        diff["field"]!.GetValue<string>().ShouldBe("displayName");
        diff["vendor"]!.GetValue<string>().ShouldBe("Olaf Outdated");
        diff["desired"]!.GetValue<string>().ShouldBe("Olaf Current");
        plan["unknownAtVendor"]!.AsArray().Single()!["matchKey"]!.GetValue<string>().ShouldBe("stranger");
        bed.Vendor.Users.Count.ShouldBe(2);
        bed.Vendor.Creates.ShouldBe(0);
        bed.Vendor.Calls.ShouldBeGreaterThan(calls);
    }

    [Fact]
    public async Task Push_OneUser_ReturnsStepTraceAndRecordsVendorId()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("pia", "1500");

        var trace = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/push", new { connectorId = "sample", userId = id })).ReadObjectAsync();

        trace["succeeded"]!.GetValue<bool>().ShouldBeTrue();
        trace["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()).ShouldBe(["projection", "validation", "request", "vendor answer", "result"]);
        trace["steps"]![0]!["data"]!["login"]!.GetValue<string>().ShouldBe("pia");
        (await bed.LinkAsync(id))!.VendorId.ShouldBe(trace["vendorId"]!.GetValue<string>());
        (await bed.JobsAsync(id)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
    }

    [Fact]
    public async Task Push_VendorDown_TraceNamesTheFailedStepAndNothingIsRecorded()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("quin", "1600");
        bed.Vendor.FailNext(3, 500);

        var trace = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/push", new { connectorId = "sample", userId = id })).ReadObjectAsync();

        trace["succeeded"]!.GetValue<bool>().ShouldBeFalse();
        var last = trace["steps"]!.AsArray().Last()!;
        last["step"]!.GetValue<string>().ShouldBe("vendor answer");
        last["detail"]!.GetValue<string>().ShouldContain("HTTP 500");
        (await bed.LinkAsync(id)).ShouldBeNull();
    }

    [Fact]
    public async Task Reconcile_Repair_QueuesMissingAndDifferingUsers()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var missing = await bed.CreateSyncedUserAsync("rae", "1700");
        var differing = await bed.CreateSyncedUserAsync("sol", "1800", "Sol", "Now");
        (await bed.DeliverAsync(missing)).ShouldBe(DeliveryOutcome.Delivered);
        (await bed.DeliverAsync(differing)).ShouldBe(DeliveryOutcome.Delivered);
        // Someone changes and deletes records directly at the vendor.
        var vendorRae = bed.Vendor.Users.Single(u => u["login"]!.GetValue<string>() == "rae")["id"]!.GetValue<string>();
        await new HttpClient { BaseAddress = bed.Vendor.BaseAddress, DefaultRequestHeaders = { { "X-Api-Key", FakeDirectoryVendor.ApiKey } } }.DeleteAsync($"users/{vendorRae}");
        var vendorSol = bed.Vendor.Users.Single(u => u["login"]!.GetValue<string>() == "sol")["id"]!.GetValue<string>();
        await new HttpClient { BaseAddress = bed.Vendor.BaseAddress, DefaultRequestHeaders = { { "X-Api-Key", FakeDirectoryVendor.ApiKey } } }
            .PutAsJsonAsync($"users/{vendorSol}", new { login = "sol", displayName = "Sol Edited", badge = "1800", active = true });

        var report = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/reconcile", new { connectorId = "sample", repair = true })).ReadObjectAsync();

        report["missingAtVendor"]!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("rae");
        report["differing"]!.AsArray().Single()!["differences"]![0]!["field"]!.GetValue<string>().ShouldBe("displayName");
        report["enqueued"]!.GetValue<int>().ShouldBe(2);
        (await bed.DeliverAsync(missing)).ShouldBe(DeliveryOutcome.Delivered);
        (await bed.DeliverAsync(differing)).ShouldBe(DeliveryOutcome.Delivered);
        bed.Vendor.Users.Single(u => u["login"]!.GetValue<string>() == "sol")["displayName"]!.GetValue<string>().ShouldBe("Sol Now");
        bed.Vendor.Users.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Reconcile_RepairWouldDeleteMostVendorUsers_StopsUntilConfirmed()
    {
        await using var bed = await SyncTestBed.StartAsync(new() { ["DeleteGuardMinimum"] = "1", ["MaxDeleteShare"] = "0.5" });
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await bed.CreateSyncedUserAsync($"tom{i}", $"19{i}0"));
            (await bed.DeliverAsync(ids[i])).ShouldBe(DeliveryOutcome.Delivered);
        }
        // Deleted in the core while their delete jobs are discarded: the vendor keeps them as orphans.
        foreach (var id in ids.Take(2))
        {
            (await bed.Host.Client.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();
        }
        var dead = await bed.JobsAsync(ids[0]);
        dead.Last().Operation.ShouldBe(SyncOperation.Delete);

        var stopped = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/reconcile", new { connectorId = "sample", repair = true })).ReadObjectAsync();
        stopped["requiresConfirmation"]!.GetValue<bool>().ShouldBeTrue();
        stopped["orphansToDelete"]!.AsArray().Count.ShouldBe(2);
        stopped["enqueued"]!.GetValue<int>().ShouldBe(0);
        stopped["summary"]!.GetValue<string>().ShouldContain("confirmDeletes");

        var confirmed = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/reconcile", new { connectorId = "sample", repair = true, confirmDeletes = true })).ReadObjectAsync();
        confirmed["enqueued"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Worker_MassDeleteInCore_HeldUntilAdminConfirms()
    {
        await using var bed = await SyncTestBed.StartAsync(new() { ["DeleteGuardMinimum"] = "1", ["MaxDeleteShare"] = "0.5" });
        var worker = bed.Host.Services.GetRequiredService<ConnectorHost.Core.Sync.SyncRound>();
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await bed.CreateSyncedUserAsync($"uma{i}", $"20{i}0"));
        }
        (await worker.RunConnectorAsync("sample", CancellationToken.None)).ShouldBe(4);

        foreach (var id in ids.Take(3))
        {
            (await bed.Host.Client.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();
        }
        (await bed.StatusAsync())["heldDeletes"]!.GetValue<int>().ShouldBe(3);
        (await worker.RunConnectorAsync("sample", CancellationToken.None)).ShouldBe(0);
        bed.Vendor.Users.Count.ShouldBe(4);

        var released = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/confirm-deletes", new { connectorId = "sample" })).ReadObjectAsync();
        released["count"]!.GetValue<int>().ShouldBe(3);
        (await worker.RunConnectorAsync("sample", CancellationToken.None)).ShouldBe(3);
        bed.Vendor.Users.Single()["login"]!.GetValue<string>().ShouldBe("uma3");
    }
}
