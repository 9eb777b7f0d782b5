using System.Net;
using System.Net.Http.Json;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ConnectorHost.Testing;

namespace ConnectorHost.Host.Tests.Sync;

/// <summary>What an admin reads when a vendor fails: the log, and what the outbox keeps of a deleted user.</summary>
public sealed class VendorFailureReportingTests
{
    [Fact]
    public async Task PlanReconcilePush_VendorDown_OneWarningLineEachNamingConnectorAndCall_NoErrorsNoStackTraces()
    {
        var logs = new CapturedLogs(LogLevel.Information);
        await using var bed = await SyncTestBed.StartAsync(logging: l => l.AddProvider(logs));
        var id = await bed.CreateSyncedUserAsync("wes", "100");
        bed.Vendor.Down = true;

        (await bed.Host.Client.GetAsync("/api/sync/plan?connectorId=sample")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await bed.Host.Client.PostAsJsonAsync("/api/sync/reconcile", new { connectorId = "sample" })).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var push = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/push", new { connectorId = "sample", userId = id })).ReadObjectAsync();
        push["succeeded"]!.GetValue<bool>().ShouldBeFalse();
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        logs.Entries.Where(e => e.Level >= LogLevel.Error).ShouldBeEmpty();
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        warnings.ShouldAllBe(w => w.Exception == null);
        warnings.Count(w => w.Message.Contains("PlanSync") && w.Message.Contains("sample") && w.Message.Contains("HTTP 503")).ShouldBe(1);
        warnings.Count(w => w.Message.Contains("Reconcile") && w.Message.Contains("sample") && w.Message.Contains("HTTP 503")).ShouldBe(1);
        warnings.Count(w => w.Message.Contains("On-demand push") && w.Message.Contains("sample") && w.Message.Contains("HTTP 503")).ShouldBe(1);
        warnings.Count(w => w.Message.Contains("Sync of User") && w.Message.Contains("sample") && w.Message.Contains("HTTP 503")).ShouldBe(1);
        warnings.Count.ShouldBe(4, string.Join("\n", warnings.Select(w => w.Message)));
    }

    [Fact]
    public async Task DeleteUser_SecretInSettings_DeleteJobKeepsNoSecretAndDeliveredJobKeepsNothing()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("xia", "100");
        (await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "100", pin = "73519", team = "red" })).EnsureSuccessStatusCode();
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        (await bed.Host.Client.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();

        var delete = (await bed.JobsAsync(id)).Single(j => j.Operation == SyncOperation.Delete);
        delete.Snapshot.ShouldNotBeNull();
        delete.Snapshot.ShouldNotContain("73519");
        delete.Snapshot.ShouldContain("\"badge\":\"100\"");
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.Vendor.Users.ShouldBeEmpty();
        (await bed.JobsAsync(id)).Single(j => j.Operation == SyncOperation.Delete).Snapshot.ShouldBeNull();
        (await AllJobTextAsync(bed)).ShouldNotContain("73519");
    }

    [Fact]
    public async Task RemoveFromConnector_SecretInSettings_DeleteJobKeepsNoSecret()
    {
        await using var bed = await SyncTestBed.StartAsync();
        var id = await bed.CreateSyncedUserAsync("yan", "200");
        (await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "200", pin = "48213" })).EnsureSuccessStatusCode();

        (await bed.Host.Client.DeleteAsync($"/api/users/{id}/connectors/sample")).EnsureSuccessStatusCode();

        (await AllJobTextAsync(bed)).ShouldNotContain("48213");
        (await bed.JobsAsync(id)).Single(j => j.Operation == SyncOperation.Delete).Snapshot!.ShouldContain("\"badge\":\"200\"");
    }

    private static async Task<string> AllJobTextAsync(SyncTestBed bed)
    {
        await using var scope = bed.Host.Services.CreateAsyncScope();
        var jobs = await scope.ServiceProvider.GetRequiredService<HostDbContext>().SyncJobs.AsNoTracking().ToListAsync();
        return string.Join("\n", jobs.Select(j => $"{j.Snapshot} {j.LastError}"));
    }
}
