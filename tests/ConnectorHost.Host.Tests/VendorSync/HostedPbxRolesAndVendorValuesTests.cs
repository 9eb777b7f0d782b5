using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Core.Sync;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>
/// Role settings mapped onto PBX licences, and values the PBX assigns coming back into the host, through the real
/// host, the real hosted-pbx plugin folder and a fake PBX.
/// </summary>
public sealed class HostedPbxRolesAndVendorValuesTests
{
    [Fact]
    public async Task Deliver_RoleViaGroupAndCompositeSetsAdmin_UserWithoutOwnLicenseGetsAdminOwnValueWins()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var admins = await CreateAsync(bed, "/api/roles", new { key = "pbx-admins", name = "PBX admins" });
        var ops = await CreateAsync(bed, "/api/roles", new { key = "ops", name = "Operations", includedRoleIds = new[] { admins } });
        var team = await CreateAsync(bed, "/api/groups", new { key = "ops-team", name = "Ops team" });
        (await bed.Host.Client.PutAsync($"/api/groups/{team}/roles/{ops}", null)).EnsureSuccessStatusCode();
        (await bed.Host.Client.PutAsJsonAsync($"/api/roles/{admins}/connectors/{HostedPbxSyncBed.ConnectorId}", new { licenseType = "Admin" })).EnsureSuccessStatusCode();
        var ann = await bed.CreatePbxUserAsync("ann.lee", "Ann", "Lee", new JsonObject { ["extension"] = "21" });
        var bob = await bed.CreatePbxUserAsync("bob.ray", "Bob", "Ray", new JsonObject { ["extension"] = "22", ["licenseType"] = "Voice" });
        (await bed.Host.Client.PutAsync($"/api/users/{ann}/groups/{team}", null)).EnsureSuccessStatusCode();
        (await bed.Host.Client.PutAsync($"/api/users/{bob}/groups/{team}", null)).EnsureSuccessStatusCode();

        await bed.Host.RunWorkerUntilIdleAsync();

        bed.ExtensionAt("21")["licenseType"]!.GetValue<string>().ShouldBe("admin");
        bed.ExtensionAt("22")["licenseType"]!.GetValue<string>().ShouldBe("voice");
    }

    [Fact]
    public async Task PutRoleSettings_Changed_QueuesPushOfHoldersOnlyAndPbxFollows()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var admins = await CreateAsync(bed, "/api/roles", new { key = "pbx-admins", name = "PBX admins" });
        var ann = await bed.CreatePbxUserAsync("ann.lee", "Ann", "Lee", new JsonObject { ["extension"] = "21" });
        var cy = await bed.CreatePbxUserAsync("cy.two", "Cy", "Two", new JsonObject { ["extension"] = "23" });
        (await bed.Host.Client.PutAsync($"/api/users/{ann}/roles/{admins}", null)).EnsureSuccessStatusCode();
        await bed.Host.RunWorkerUntilIdleAsync();
        bed.ExtensionAt("21")["licenseType"]!.GetValue<string>().ShouldBe("voice");
        var cyJobs = (await bed.Host.JobsAsync(cy)).Count;

        (await bed.Host.Client.PutAsJsonAsync($"/api/roles/{admins}/connectors/{HostedPbxSyncBed.ConnectorId}", new { licenseType = "Admin" })).EnsureSuccessStatusCode();

        (await bed.Host.JobsAsync(ann)).Count(j => j.Status == SyncJobStatus.Pending).ShouldBe(1);
        (await bed.Host.JobsAsync(cy)).Count.ShouldBe(cyJobs);
        await bed.Host.RunWorkerUntilIdleAsync();
        bed.ExtensionAt("21")["licenseType"]!.GetValue<string>().ShouldBe("admin");
    }

    [Fact]
    public async Task Deliver_NewUser_PbxAccountIdStoredWithoutSecondPushAuditedAsConnector()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.CreatePbxUserAsync("ann.lee", "Ann", "Lee", new JsonObject { ["extension"] = "21" });

        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);

        var vendorId = bed.Pbx.IdOf("21");
        var settings = await (await bed.Host.Client.GetAsync($"/api/users/{id}/connectors/{HostedPbxSyncBed.ConnectorId}")).ReadObjectAsync();
        settings["settings"]!["pbxAccountId"]!.GetValue<string>().ShouldBe(vendorId);
        settings["version"]!.GetValue<int>().ShouldBe(2);
        // Stored without queuing another push: every job is done and nothing is due.
        (await bed.Host.JobsAsync(id)).ShouldAllBe(j => j.Status == SyncJobStatus.Done);
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.NothingDue);
        bed.Pbx.Calls.Count(c => c.Method == "POST" && c.Path == "/api/v1/extensions").ShouldBe(1);
        bed.Pbx.Calls.Count(c => c.Method == "PUT" && c.Path == $"/api/v1/extensions/{vendorId}").ShouldBe(0);
        var audit = await bed.Host.Client.GetFromJsonAsync<JsonObject>("/api/audit?entityType=UserConnectorSetting");
        var latest = audit!["items"]!.AsArray()[0]!;
        latest["actor"]!.GetValue<string>().ShouldBe("connector:hosted-pbx");
        latest["action"]!.GetValue<string>().ShouldBe("updated");
        latest["after"]!.ToString().ShouldContain(vendorId);
    }

    [Fact]
    public async Task PutUserSettings_PbxAccountIdSetByVendor_ChangeRefusedOmittedKept()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.CreatePbxUserAsync("ann.lee", "Ann", "Lee", new JsonObject { ["extension"] = "21" });
        (await bed.Host.DeliverUserAsync(id)).ShouldBe(DeliveryOutcome.Delivered);
        var vendorId = bed.Pbx.IdOf("21");

        var changed = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/{HostedPbxSyncBed.ConnectorId}", new { extension = "21", pbxAccountId = "someone-else" });

        changed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await changed.ReadObjectAsync())["errors"]!["pbxAccountId"]![0]!.GetValue<string>().ShouldContain("cannot be changed");
        // A PUT that leaves the field out (an admin editing other fields) keeps the vendor's value.
        var omitted = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/{HostedPbxSyncBed.ConnectorId}", new { extension = "21", doNotDisturb = true });
        omitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await omitted.ReadObjectAsync())["settings"]!["pbxAccountId"]!.GetValue<string>().ShouldBe(vendorId);
    }

    private static async Task<Guid> CreateAsync(HostedPbxSyncBed bed, string path, object body)
    {
        var response = await bed.Host.Client.PostAsJsonAsync(path, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["id"]!.GetValue<Guid>();
    }
}
