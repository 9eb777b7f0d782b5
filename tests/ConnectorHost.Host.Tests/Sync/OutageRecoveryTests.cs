using System.Net.Http.Json;
using ConnectorHost.Core.Sync;
using Microsoft.Extensions.Time.Testing;

namespace ConnectorHost.Host.Tests.Sync;

/// <summary>
/// A vendor outage longer than the circuit break, driven by a fake clock through the real worker round: the
/// delivery must probe the vendor after each break and resume by itself when it is back.
/// </summary>
public sealed class OutageRecoveryTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(20);
    private const int WorkerRoundCap = 400;

    [Fact]
    public async Task Worker_VendorDownLongerThanBreakThenBack_EveryJobDeliveredInOrderOnceTwice()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await SyncTestBed.StartAsync(new()
        {
            ["BreakerMinimumThroughput"] = "2",
            ["BreakerFailureRatio"] = "0.5",
            ["BreakerSamplingDuration"] = "00:01:00",
            ["BreakerBreakDuration"] = "00:00:30",
            ["BaseRetryDelay"] = "00:00:02",
            ["MaxRetryDelay"] = "00:00:20",
            ["MaxConcurrencyPerConnector"] = "1",
        }, time: clock);
        var users = new List<(Guid Id, string Login)>();
        var rounds = 0;

        for (var outage = 1; outage <= 2; outage++)
        {
            bed.Vendor.Down = true;
            if (outage == 1)
            {
                for (var i = 0; i < 5; i++)
                {
                    users.Add((await bed.CreateSyncedUserAsync($"user{i}", $"{100 + i}"), $"user{i}"));
                }
            }
            else
            {
                foreach (var (id, login) in users)
                {
                    (await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}", new { firstName = "Second", lastName = login })).EnsureSuccessStatusCode();
                }
            }
            var writesBefore = bed.Vendor.Writes.Count;
            var callsBefore = bed.Vendor.Calls;

            // Down for three breaks and a half, the worker polling every second.
            var downUntil = clock.GetUtcNow() + (3.5 * Break);
            var sawOpen = false;
            var timeline = new List<string>();
            var start = clock.GetUtcNow();
            while (clock.GetUtcNow() < downUntil)
            {
                var c0 = bed.Vendor.Calls;
                await RoundAsync();
                if (bed.Vendor.Calls != c0)
                {
                    timeline.Add($"{(clock.GetUtcNow() - start).TotalSeconds}s:{bed.Vendor.Calls - c0}:{(await bed.StatusAsync())["circuit"]}");
                }
                sawOpen |= (await bed.StatusAsync())["circuit"]!.GetValue<string>() == CircuitStates.Open;
                clock.Advance(TimeSpan.FromSeconds(1));
            }
            sawOpen.ShouldBeTrue($"outage {outage}: the circuit should open while the vendor is down (calls {bed.Vendor.Calls - callsBefore})");
            // Two failures open the circuit, then one probe per break: the worker does not hammer a vendor that is down.
            (bed.Vendor.Calls - callsBefore).ShouldBeInRange(3, 6, string.Join(", ", timeline));
            (await bed.StatusAsync())["pending"]!.GetValue<int>().ShouldBe(5);

            // Back up: the first answer is still a 503 (it costs one more break), then 200.
            bed.Vendor.Down = false;
            bed.Vendor.FailNext(1, 503);
            var upAt = clock.GetUtcNow();
            // At most: the rest of the break under way, one break for the 503 probe, one retry delay.
            var deadline = upAt + Break + Break + MaxRetryDelay;
            while ((await bed.StatusAsync())["pending"]!.GetValue<int>() > 0)
            {
                clock.GetUtcNow().ShouldBeLessThanOrEqualTo(deadline, $"outage {outage}: jobs still pending {clock.GetUtcNow() - upAt} after the vendor came back");
                await RoundAsync();
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            var expected = users.Select(u => $"{(outage == 1 ? "create" : "update")} {u.Login}").ToList();
            bed.Vendor.Writes.Skip(writesBefore).ShouldBe(expected, $"outage {outage}: each change once, in the order it was made");
            (await bed.StatusAsync())["circuit"]!.GetValue<string>().ShouldBe(CircuitStates.Closed);
            (await bed.JobsAsync(users[0].Id)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
            // Quiet for a while: the next outage starts with no successes in the breaker's sampling window.
            clock.Advance(TimeSpan.FromMinutes(2));
        }
        bed.Vendor.Users.Select(u => u["displayName"]!.GetValue<string>()).ShouldBe(users.Select(u => $"Second {u.Login}"), ignoreOrder: true);

        async Task RoundAsync()
        {
            (++rounds).ShouldBeLessThan(WorkerRoundCap, "worker rounds capped: a re-queue loop must fail the test, not hang it");
            await bed.RunRoundAsync();
        }
    }
}
