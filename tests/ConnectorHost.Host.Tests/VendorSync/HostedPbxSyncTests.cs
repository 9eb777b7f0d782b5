using HostedPbx.Testing;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Sync;
using ConnectorHost.Testing;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>The sync engine delivering through the real hosted-pbx plugin to a fake PBX.</summary>
public sealed class HostedPbxSyncTests
{
    [Fact]
    public async Task Deliver_UserWithPbxSettings_CreatesExtensionAtPbxAndRecordsItsId()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.CreatePbxUserAsync("ann.lee", "Ann", "Lee", new JsonObject { ["extension"] = "21", ["doNotDisturb"] = true, ["ringsBeforeVoicemail"] = 6 });

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        var extension = bed.Pbx.Extensions.Values.ShouldHaveSingleItem();
        extension["extension"]!.GetValue<string>().ShouldBe("21");
        extension["username"]!.GetValue<string>().ShouldBe("Ann");
        extension["firstName"]!.GetValue<string>().ShouldBe("Ann");
        extension["lastName"]!.GetValue<string>().ShouldBe("Lee");
        extension["email"]!.GetValue<string>().ShouldBe("ann.lee@example.com");
        extension["outboundCallerId"]!.GetValue<string>().ShouldBe(HostedPbxSyncBed.MainNumber);
        extension["ringsBeforeVoicemail"]!.GetValue<int>().ShouldBe(6);
        extension["doNotDisturb"]!.GetValue<bool>().ShouldBeTrue();
        extension["voicemail"]!["email"]!.GetValue<string>().ShouldBe("ann.lee@example.com");
        (await bed.Host.LinkAsync(id))!.VendorId.ShouldBe(extension["id"]!.GetValue<string>());
        // The key came from the environment reference in plugins.json.
        bed.Pbx.Calls.ShouldAllBe(c => c.Header("Authorization") == $"Bearer {FakePbx.DefaultApiKey}");
    }

    [Fact]
    public async Task Plan_AfterDeliveryWithForwardingAndPin_UserIsUnchangedAtPbx()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.CreatePbxUserAsync("hal.yo", "Hal", "Yo", new JsonObject
        {
            ["extension"] = "28",
            ["voicemailPassword"] = "90417",
            ["forwardingEnabled"] = true,
            ["forwardingDestinations"] = new JsonArray("0176 12345678"),
            ["ringStrategy"] = "sequential",
        });
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        var plan = (await (await bed.Host.Client.GetAsync($"/api/sync/plan?connectorId={HostedPbxSyncBed.ConnectorId}")).ReadNodeAsync()).AsArray().Single()!;

        // What the PBX reports back compares equal to what was pushed: no phantom differences.
        var change = plan["changes"]!.AsArray().Single()!;
        change["action"]!.GetValue<string>().ShouldBe("unchanged", change.ToJsonString());
        change["vendorId"]!.GetValue<string>().ShouldBe(bed.Pbx.IdOf("28"));
        bed.ExtensionAt("28")["forwarding"]!["destinations"]![0]!["value"]!.GetValue<string>().ShouldBe("+4917612345678");
    }

    [Fact]
    public async Task Deliver_RepeatedUpdatesBeforeDelivery_CoalescedIntoOneCreateOfLatestState()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.CreatePbxUserAsync("bo.kim", "Bo", "Kim", new JsonObject { ["extension"] = "22" });
        for (var i = 2; i <= 4; i++)
        {
            await bed.Host.RenameAsync(id, "bo.kim", "Bo", $"Kim{i}");
        }
        (await bed.Host.JobsAsync(id)).Count.ShouldBe(4);

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        bed.ExtensionAt("22")["lastName"]!.GetValue<string>().ShouldBe("Kim4");
        bed.Pbx.Calls.Count(c => c.Method == "POST" && c.Path == "/api/v1/extensions").ShouldBe(1);
        // Created once and not then updated: the three renames were folded into the one push.
        bed.Pbx.Calls.Count(c => c.Method == "PUT" && c.Path == $"/api/v1/extensions/{bed.Pbx.IdOf("22")}").ShouldBe(0);
        (await bed.Host.JobsAsync(id)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.NothingDue);
    }

    [Fact]
    public async Task Deliver_Pbx429WithRetryAfter_RetryNotScheduledBeforeTheAskedDelay()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.CreatePbxUserAsync("cy.ng", "Cy", "Ng", new JsonObject { ["extension"] = "23" });
        bed.Pbx.Override = context =>
        {
            context.Response.Headers.RetryAfter = "120";
            return FakePbx.Error(context, 429, "rate_limited", "Too many requests.");
        };
        var before = DateTime.UtcNow;

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        var job = (await bed.Host.JobsAsync(id)).Single();
        job.Status.ShouldBe(SyncJobStatus.Pending);
        job.Attempts.ShouldBe(1);
        // MaxRetryDelay is 1 s here: only the PBX's Retry-After can put the next attempt this far out.
        job.NextAttemptAt.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(120));
        job.LastError!.ShouldContain("HTTP 429");
        job.LastError!.ShouldContain("retry after 120 s");
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.NothingDue);
        bed.Pbx.Extensions.ShouldBeEmpty();

        // Once the delay has passed (simulated) and the PBX accepts again, the same job goes through.
        bed.Pbx.Override = null;
        await bed.Host.MakeDueAsync(id);
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        bed.ExtensionAt("23")["lastName"]!.GetValue<string>().ShouldBe("Ng");
    }

    [Fact]
    public async Task Push_OnDemand_ReturnsStepTraceAndCreatesExtensionWithoutExposingThePin()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.CreatePbxUserAsync("dee.ro", "Dee", "Ro", new JsonObject { ["extension"] = "24", ["voicemailPassword"] = "48213" });

        var response = await bed.Host.Client.PostAsJsonAsync("/api/sync/push", new { connectorId = HostedPbxSyncBed.ConnectorId, userId = id });
        var text = await response.Content.ReadAsStringAsync();
        var trace = JsonNode.Parse(text)!.AsObject();

        trace["succeeded"]!.GetValue<bool>().ShouldBeTrue(text);
        trace["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()).ShouldBe(["projection", "validation", "request", "vendor answer", "result"]);
        trace["steps"]!.AsArray().ShouldAllBe(s => s!["ok"]!.GetValue<bool>());
        var projected = trace["steps"]![0]!["data"]!;
        projected["extension"]!.GetValue<string>().ShouldBe("24");
        projected["lastName"]!.GetValue<string>().ShouldBe("Ro");
        trace["steps"]![3]!["detail"]!.GetValue<string>().ShouldStartWith("created");
        var vendorId = bed.Pbx.IdOf("24");
        trace["vendorId"]!.GetValue<string>().ShouldBe(vendorId);
        (await bed.Host.LinkAsync(id))!.VendorId.ShouldBe(vendorId);
        (await bed.Host.JobsAsync(id)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
        // The PIN reaches the PBX but never the trace.
        bed.Pbx.VoicemailPins[vendorId].ShouldBe("48213");
        text.ShouldNotContain("48213");
    }

    [Fact]
    public async Task Reconcile_ExtensionCreatedAtPbxByHandForTheUser_MatchedByExtensionNumberAndRepairedInPlace()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        // Set up at the PBX by hand for the same person (same e-mail, other case), with a different last name.
        var byHand = bed.Pbx.AddExtension("25", "Eli", "F.", email: "Eli.Fox@Example.com");
        var stranger = bed.Pbx.AddExtension("90", "Lobby", "Phone");
        var id = await bed.CreatePbxUserAsync("eli.fox", "Eli", "Fox", new JsonObject { ["extension"] = "25" });

        var report = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/reconcile", new { connectorId = HostedPbxSyncBed.ConnectorId, repair = true })).ReadObjectAsync();

        report["missingAtVendor"]!.AsArray().ShouldBeEmpty();
        var differing = report["differing"]!.AsArray().Single()!;
        differing["userId"]!.GetValue<Guid>().ShouldBe(id);
        differing["vendorId"]!.GetValue<string>().ShouldBe(byHand);
        var fields = differing["differences"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()).ToList();
        fields.ShouldContain("lastName");
        fields.ShouldNotContain("extension");
        var unknown = report["unknownAtVendor"]!.AsArray().Single()!;
        unknown["vendorId"]!.GetValue<string>().ShouldBe(stranger);
        unknown["matchKey"]!.GetValue<string>().ShouldBe("90");
        report["enqueued"]!.GetValue<int>().ShouldBe(1);

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        bed.Pbx.Extensions.Count.ShouldBe(2);
        bed.Pbx.Calls.Count(c => c.Method == "POST" && c.Path == "/api/v1/extensions").ShouldBe(0);
        bed.ExtensionAt("25")["lastName"]!.GetValue<string>().ShouldBe("Fox");
        (await bed.Host.LinkAsync(id))!.VendorId.ShouldBe(byHand);
    }

    [Fact]
    public async Task Reconcile_ExtensionNumberHeldAtPbxBySomeoneElse_ReportedButRepairDeadLettersWithoutOverwriting()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        // A hand-made PBX user of another person; only the extension number ties it to the core user.
        var foreign = bed.Pbx.AddExtension("25", "Someone", "Else");
        var id = await bed.CreatePbxUserAsync("eli.fox", "Eli", "Fox", new JsonObject { ["extension"] = "25" });

        var report = await (await bed.Host.Client.PostAsJsonAsync("/api/sync/reconcile", new { connectorId = HostedPbxSyncBed.ConnectorId, repair = true })).ReadObjectAsync();

        // Reporting matches by extension number, so the admin sees the clash ...
        var differing = report["differing"]!.AsArray().Single()!;
        differing["vendorId"]!.GetValue<string>().ShouldBe(foreign);
        var fields = differing["differences"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()).ToList();
        fields.ShouldContain("firstName");
        fields.ShouldContain("lastName");
        report["enqueued"]!.GetValue<int>().ShouldBe(1);

        // ... but the repair does not take the other person's extension over.
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.DeadLettered);

        var deadLetters = (await bed.Host.JobsAsync(id)).Where(j => j.Status == SyncJobStatus.DeadLetter).ToList();
        deadLetters.ShouldNotBeEmpty();
        deadLetters.ShouldAllBe(j => j.LastError!.Contains("Extension 25") && j.LastError.Contains("belongs to someone else"));
        bed.ExtensionAt("25")["firstName"]!.GetValue<string>().ShouldBe("Someone");
        bed.Pbx.Extensions.Count.ShouldBe(1);
        bed.Pbx.Calls.ShouldNotContain(c => c.Method != "GET");
        (await bed.Host.LinkAsync(id)).ShouldBeNull();
    }

    [Fact]
    public async Task Deliver_WrongApiKey_PausesConnectorWithoutLeakingTheKey()
    {
        const string wrongKey = "not-the-key-5521";
        await using var bed = await HostedPbxSyncBed.StartAsync(apiKey: wrongKey);
        var id = await bed.CreatePbxUserAsync("fay.oh", "Fay", "Oh", new JsonObject { ["extension"] = "26" });

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);

        var status = await bed.Host.StatusAsync();
        status["blocked"]!.GetValue<string>().ShouldContain("the credentials were refused or lack permission; check the connector's apiKey setting.");
        status.ToJsonString().ShouldNotContain(wrongKey);
        (await bed.Host.LinkAsync(id)).ShouldBeNull();
        bed.Pbx.Extensions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Worker_Running_DeliversExtensionThenDeletesItWithTheUser()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync(runWorker: true);
        var id = await bed.CreatePbxUserAsync("gil.ma", "Gil", "Ma", new JsonObject { ["extension"] = "27" });

        await VendorSyncHost.EventuallyAsync(async () => (await bed.Host.LinkAsync(id)) is not null, "extension 27 pushed");
        bed.ExtensionAt("27")["firstName"]!.GetValue<string>().ShouldBe("Gil");
        (await bed.Host.Client.DeleteAsync($"/api/users/{id}")).EnsureSuccessStatusCode();
        await VendorSyncHost.EventuallyAsync(() => Task.FromResult(bed.Pbx.Extensions.IsEmpty), "extension 27 deleted at the PBX");

        await VendorSyncHost.EventuallyAsync(async () => (await bed.Host.StatusAsync())["pending"]!.GetValue<int>() == 0, "outbox drained");
        (await bed.Host.LinkAsync(id)).ShouldBeNull();
    }

    [Fact]
    public async Task Deliver_ExtensionNumberChanged_UpdatesTheSameExtensionRecord()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.CreatePbxUserAsync("ida.su", "Ida", "Su", new JsonObject { ["extension"] = "29" });
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        var vendorId = bed.Pbx.IdOf("29");

        await bed.Host.PutUserSettingsAsync(id, new JsonObject { ["extension"] = "39" });
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        bed.Pbx.Extensions.Values.ShouldHaveSingleItem()["extension"]!.GetValue<string>().ShouldBe("39");
        bed.Pbx.IdOf("39").ShouldBe(vendorId);
        bed.Pbx.Calls.Count(c => c.Method == "POST" && c.Path == "/api/v1/extensions").ShouldBe(1);
    }

    [Fact]
    public async Task Deliver_CreateFailedWith503_RetrySendsTheSameIdempotencyKey()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.CreatePbxUserAsync("jo.lu", "Jo", "Lu", new JsonObject { ["extension"] = "30" });
        bed.Pbx.Fail(503, when: c => c.Method == "POST");

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.RetryScheduled);
        await bed.Host.MakeDueAsync(id);
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        // If the first create had reached the PBX after all, the key lets the PBX answer the retry with that record.
        var keys = bed.Pbx.Calls.Where(c => c.Method == "POST").Select(c => c.Header("Idempotency-Key")).ToList();
        keys.Count.ShouldBe(2);
        keys[0].ShouldNotBeNullOrWhiteSpace();
        keys[1].ShouldBe(keys[0]);
        bed.Pbx.Extensions.Values.ShouldHaveSingleItem()["extension"]!.GetValue<string>().ShouldBe("30");
    }

    [Fact]
    public async Task Deliver_PbxErrorTextEchoesTheApiKey_KeyNeitherInLastErrorNorApiNorLogs()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var log = CapturedLogs.AttachTo(bed.Host.Host.Services);
        var id = await bed.CreatePbxUserAsync("kai.mo", "Kai", "Mo", new JsonObject { ["extension"] = "31" });
        bed.Pbx.Fail(400, when: c => c.Method == "POST", message: $"Key {FakePbx.DefaultApiKey} may not create extension 31.");

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.DeadLettered);

        var job = (await bed.Host.JobsAsync(id)).Single();
        job.LastError!.ShouldContain("may not create extension 31");
        job.LastError!.ShouldNotContain(FakePbx.DefaultApiKey);
        var deadLetters = await (await bed.Host.Client.GetAsync($"/api/sync/dead-letter?connectorId={HostedPbxSyncBed.ConnectorId}")).Content.ReadAsStringAsync();
        deadLetters.ShouldContain("may not create extension 31");
        deadLetters.ShouldNotContain(FakePbx.DefaultApiKey);
        (await bed.Host.StatusAsync()).ToJsonString().ShouldNotContain(FakePbx.DefaultApiKey);
        log.Entries.ShouldContain(line => line.Text.Contains("may not create extension 31"));
        log.Entries.ShouldNotContain(line => line.Text.Contains(FakePbx.DefaultApiKey));
    }
}
