using System.Net.Http.Json;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConnectorHost.Host.Tests.Sync;

/// <summary>The sync engine's rules that depend on time, proven by moving a fake clock instead of waiting.</summary>
public sealed class SyncTimingTests
{
    private static FakeTimeProvider NewClock() => new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Deliver_VendorKeepsFailing_BackoffDoublesWithJitterAndIsCapped()
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new()
        {
            ["BaseRetryDelay"] = "00:00:02",
            ["MaxRetryDelay"] = "00:00:40",
            ["MaxAttempts"] = "20",
        }, time: clock);
        var id = await bed.CreateSyncedUserAsync("bo", "100");
        bed.Vendor.FailNext(8, 503);

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

            var job = (await bed.JobsAsync(id)).Single();
            job.Attempts.ShouldBe(attempt);
            var expected = Math.Min(2 * Math.Pow(2, attempt - 1), 40);
            (job.NextAttemptAt - now).TotalSeconds.ShouldBeInRange(expected * 0.8 - 0.01, expected * 1.2 + 0.01, $"attempt {attempt}");
            (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.NothingDue, "not before the backoff has passed");
            clock.Advance(job.NextAttemptAt - now);
        }
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
    }

    [Fact]
    public async Task Deliver_RetryAfterLongerThanBackoff_RetryAfterWins()
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new() { ["BaseRetryDelay"] = "00:00:02" }, time: clock);
        var id = await bed.CreateSyncedUserAsync("ria", "110");
        bed.Vendor.FailNext(1, 429, retryAfterSeconds: 90);

        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        clock.Advance(TimeSpan.FromSeconds(89));
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.NothingDue);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
    }

    [Fact]
    public async Task Breaker_OpensThenProbeAfterBreak_ReopensOnFailureClosesOnSuccess_AttemptsUnchangedWhileOpen()
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new()
        {
            ["BreakerMinimumThroughput"] = "2",
            ["BreakerFailureRatio"] = "0.5",
            ["BreakerSamplingDuration"] = "00:01:00",
            ["BreakerBreakDuration"] = "00:00:30",
            // Retries far longer than the breaks: only the release after a good probe lets the backlog go at once.
            ["BaseRetryDelay"] = "00:05:00",
            ["MaxRetryDelay"] = "00:10:00",
            ["MaxConcurrencyPerConnector"] = "1",
        }, time: clock);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await bed.CreateSyncedUserAsync($"cy{i}", $"12{i}"));
        }
        bed.Vendor.FailNext(2, 503);

        await bed.DeliverAsync(ids[0]);
        await bed.DeliverAsync(ids[1]);
        var calls = bed.Vendor.Calls;
        (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.Open);
        (await bed.DeliverAsync(ids[2])).ShouldBe(DeliveryOutcome.Blocked);
        clock.Advance(TimeSpan.FromSeconds(29));
        (await bed.RunRoundAsync()).ShouldBe(0);
        bed.Vendor.Calls.ShouldBe(calls, "no call while the circuit is open");
        (await bed.JobsAsync(ids[2])).Single().Attempts.ShouldBe(0, "an open circuit is not the job's attempt");

        // The break is over: one probe, the oldest change; the vendor still fails, so the circuit opens again.
        clock.Advance(TimeSpan.FromSeconds(1));
        (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.HalfOpen);
        bed.Vendor.FailNext(1, 503);
        (await bed.RunRoundAsync()).ShouldBe(0);
        bed.Vendor.Calls.ShouldBe(calls + 1);
        (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.Open);
        (await bed.JobsAsync(ids[0])).Single().Attempts.ShouldBe(1, "a failed probe is the outage's, not the job's attempt");
        clock.Advance(TimeSpan.FromSeconds(15));
        (await bed.RunRoundAsync()).ShouldBe(0);
        bed.Vendor.Calls.ShouldBe(calls + 1);

        // Next break over: the probe succeeds, the circuit closes and the rest follows at once, although cy1's own
        // retry (attempt 1 during the outage) would only be due minutes later.
        clock.Advance(TimeSpan.FromSeconds(15));
        (await bed.RunRoundAsync()).ShouldBe(1);
        (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.Closed);
        (await bed.RunRoundAsync()).ShouldBe(2);
        bed.Vendor.Writes.ShouldBe(["create cy0", "create cy1", "create cy2"]);
    }

    [Fact]
    public async Task Deliver_SeveralJobsFailTogether_RetriesSpreadOverTheJitterRange()
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new() { ["BaseRetryDelay"] = "00:00:10", ["MaxRetryDelay"] = "00:01:00" }, time: clock);
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await bed.CreateSyncedUserAsync($"ji{i}", $"17{i}"));
        }
        bed.Vendor.FailNext(10, 503);
        var now = clock.GetUtcNow().UtcDateTime;

        var delays = new List<double>();
        foreach (var id in ids)
        {
            (await bed.DeliverAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);
            delays.Add(((await bed.JobsAsync(id)).Single().NextAttemptAt - now).TotalSeconds);
        }

        delays.ShouldAllBe(d => d >= 8 - 0.01 && d <= 12 + 0.01);
        // Ten jobs that failed in the same second must not all come back in the same second (a retry storm).
        (delays.Max() - delays.Min()).ShouldBeGreaterThan(0.5, string.Join(", ", delays));
    }

    [Fact]
    public async Task Breaker_OpensDuringABatch_UnsentJobsNeitherCountAnAttemptNorDeadLetter()
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new()
        {
            ["BreakerMinimumThroughput"] = "2",
            ["BreakerFailureRatio"] = "0.5",
            ["MaxConcurrencyPerConnector"] = "1",
            ["MaxAttempts"] = "1",
        }, time: clock);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await bed.CreateSyncedUserAsync($"ob{i}", $"18{i}"));
        }
        bed.Vendor.Down = true;

        (await bed.RunRoundAsync()).ShouldBe(0);

        bed.Vendor.Calls.ShouldBe(2, "two failures open the circuit; the rest of the batch is not sent");
        var status = await bed.StatusAsync();
        status["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.Open);
        status["deadLetter"]!.GetValue<int>().ShouldBe(2, "only the two jobs that reached the vendor used up their attempts");
        foreach (var id in ids.Skip(2))
        {
            var job = (await bed.JobsAsync(id)).Single();
            job.Status.ShouldBe(SyncJobStatus.Pending);
            job.Attempts.ShouldBe(0);
            job.LastError!.ShouldContain("Circuit open");
        }
    }

    [Fact]
    public async Task Probe_CircuitOpenedBeforeRestartVendorStillDown_OpensForAnotherBreakInsteadOfProbingEveryRound()
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new() { ["BreakerBreakDuration"] = "00:00:30" }, time: clock);
        await bed.CreateSyncedUserAsync("rs", "190");
        // The circuit as a previous process left it in the database; this process's breaker starts closed.
        await using (var scope = bed.Host.Services.CreateAsyncScope())
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await ConnectorStates.SetCircuitAsync(scope.ServiceProvider.GetRequiredService<HostDbContext>(), "sample", CircuitStates.Open, now + TimeSpan.FromSeconds(30), now);
        }
        clock.Advance(TimeSpan.FromSeconds(30));
        (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.HalfOpen);
        bed.Vendor.Down = true;

        (await bed.RunRoundAsync()).ShouldBe(0);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await bed.RunRoundAsync()).ShouldBe(0);

        bed.Vendor.Calls.ShouldBe(1, "one probe per break, not one per round");
        (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.Open);
        clock.Advance(TimeSpan.FromSeconds(29));
        (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.HalfOpen);
    }

    [Theory]
    [InlineData(2, 0.1, 4, 2)] // at the minimum: 2 deletes are not more than 2 (though far more than 10 % of 4)
    [InlineData(1, 0.5, 6, 3)] // at the share: 3 of 6 are not more than 50 % (though more than the minimum 1)
    public async Task DeleteGuard_DeletesExactlyAtThreshold_DeliveredAndOneMoreHeld(int minimum, double share, int users, int allowed)
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new()
        {
            ["DeleteGuardMinimum"] = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MaxDeleteShare"] = share.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DeleteGuardWindow"] = "01:00:00",
        }, time: clock);
        var ids = new List<Guid>();
        for (var i = 0; i < users; i++)
        {
            ids.Add(await bed.CreateSyncedUserAsync($"th{i}", $"20{i}"));
        }
        (await bed.RunRoundAsync()).ShouldBe(users);

        for (var i = 0; i < allowed; i++)
        {
            (await bed.Host.Client.DeleteAsync($"/api/users/{ids[i]}")).EnsureSuccessStatusCode();
            clock.Advance(TimeSpan.FromMinutes(1));
            (await bed.RunRoundAsync()).ShouldBe(1, $"delete {i + 1} of {allowed} allowed");
        }
        (await bed.Host.Client.DeleteAsync($"/api/users/{ids[allowed]}")).EnsureSuccessStatusCode();
        (await bed.RunRoundAsync()).ShouldBe(0);
        (await bed.StatusAsync())["heldDeletes"]!.GetValue<int>().ShouldBe(1);
        bed.Vendor.Users.Count.ShouldBe(users - allowed);
    }

    [Fact]
    public async Task Breaker_RejectedDataAndRefusedCredentials_DoNotOpenIt()
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new()
        {
            ["BreakerMinimumThroughput"] = "2",
            ["BreakerFailureRatio"] = "0.5",
        }, time: clock);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await bed.CreateSyncedUserAsync($"di{i}", $"13{i}"));
        }
        bed.Vendor.FailNext(3, 422);

        for (var i = 0; i < 3; i++)
        {
            (await bed.DeliverAsync(ids[i])).ShouldBe(DeliveryOutcome.DeadLettered);
        }

        (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.Closed);
        (await bed.DeliverAsync(ids[3])).ShouldBe(DeliveryOutcome.Delivered);
    }

    [Fact]
    public async Task Pause_RefusedCredentials_EndsOnTimeAndCircuitStaysClosed()
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new()
        {
            ["AuthFailurePause"] = "00:05:00",
            ["BreakerMinimumThroughput"] = "2",
            ["BreakerFailureRatio"] = "0.5",
            ["MaxConcurrencyPerConnector"] = "1",
        }, apiKey: "wrong-key", time: clock);
        await bed.CreateSyncedUserAsync("eli", "140");
        await bed.CreateSyncedUserAsync("fia", "141");

        (await bed.RunRoundAsync()).ShouldBe(0);
        var calls = bed.Vendor.Calls;
        calls.ShouldBe(1, "the first refusal pauses the connector; the second user is not tried");
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        (await bed.RunRoundAsync()).ShouldBe(0);
        bed.Vendor.Calls.ShouldBe(calls);
        (await bed.StatusAsync())["blocked"]!.GetValue<string>().ShouldContain("Credentials rejected");

        clock.Advance(TimeSpan.FromSeconds(1));
        (await bed.StatusAsync())["blocked"].ShouldBeNull();
        await bed.RunRoundAsync();
        bed.Vendor.Calls.ShouldBe(calls + 1, "after the pause the vendor is tried again, once");
        (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.Closed, "refused credentials are not an outage");
    }

    [Fact]
    public async Task Pause_DeadLetterRetry_LiftsThePauseAtOnce()
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new() { ["MaxAttempts"] = "1", ["AuthFailurePause"] = "01:00:00" }, apiKey: "wrong-key", time: clock);
        await bed.CreateSyncedUserAsync("gil", "150");
        (await bed.RunRoundAsync()).ShouldBe(0);
        (await bed.StatusAsync())["deadLetter"]!.GetValue<int>().ShouldBe(1);
        (await bed.StatusAsync())["blocked"].ShouldNotBeNull();
        var calls = bed.Vendor.Calls;

        (await bed.Host.Client.PostAsJsonAsync("/api/sync/dead-letter/retry", new { connectorId = "sample" })).EnsureSuccessStatusCode();

        (await bed.StatusAsync())["blocked"].ShouldBeNull();
        await bed.RunRoundAsync();
        bed.Vendor.Calls.ShouldBe(calls + 1, "the retried job goes out without waiting out the hour");
    }

    [Fact]
    public async Task DeleteGuard_DeletesOneRequestAtATime_HeldAboveThresholdWithinWindowReleasedAfterIt()
    {
        var clock = NewClock();
        await using var bed = await SyncTestBed.StartAsync(new()
        {
            ["DeleteGuardMinimum"] = "2",
            ["MaxDeleteShare"] = "0.4",
            ["DeleteGuardWindow"] = "01:00:00",
        }, time: clock);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await bed.CreateSyncedUserAsync($"hu{i}", $"16{i}"));
        }
        (await bed.RunRoundAsync()).ShouldBe(6);

        // First and second delete: at most the minimum (2) within the window, delivered.
        for (var i = 0; i < 2; i++)
        {
            (await bed.Host.Client.DeleteAsync($"/api/users/{ids[i]}")).EnsureSuccessStatusCode();
            clock.Advance(TimeSpan.FromMinutes(10));
            (await bed.RunRoundAsync()).ShouldBe(1, $"delete {i + 1}");
        }
        bed.Vendor.Users.Count.ShouldBe(4);

        // Third within the hour: 3 > 2 and 3 of 6 users > 40 %: held for confirmation.
        (await bed.Host.Client.DeleteAsync($"/api/users/{ids[2]}")).EnsureSuccessStatusCode();
        (await bed.RunRoundAsync()).ShouldBe(0);
        (await bed.StatusAsync())["heldDeletes"]!.GetValue<int>().ShouldBe(1);
        bed.Vendor.Users.Count.ShouldBe(4);

        // The first two went out 10 and 20 minutes in; 45 minutes later both still count.
        clock.Advance(TimeSpan.FromMinutes(45));
        (await bed.RunRoundAsync()).ShouldBe(0);
        (await bed.StatusAsync())["heldDeletes"]!.GetValue<int>().ShouldBe(1);

        // Exactly an hour after the first went out it still counts (the window includes its start); a moment later
        // it no longer does: 2 deletes are not more than the minimum.
        clock.Advance(TimeSpan.FromMinutes(5));
        (await bed.StatusAsync())["heldDeletes"]!.GetValue<int>().ShouldBe(1);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await bed.StatusAsync())["heldDeletes"]!.GetValue<int>().ShouldBe(0);
        (await bed.RunRoundAsync()).ShouldBe(1);
        bed.Vendor.Users.Count.ShouldBe(3);
    }
}
