using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests.VendorSync;

/// <summary>
/// The second-edition schema constructs through the real host with the real plugins: option lists from the
/// connector, warnings, error codes, and connectors having a say on changes of the core user.
/// </summary>
public sealed class ConnectorSchemaExtrasTests
{
    [Fact]
    public async Task HostedPbxOptions_OutboundCallerId_TheNumberInventory()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();

        var body = await (await bed.Host.Client.GetAsync("/api/connectors/hosted-pbx/options/outboundCallerId")).ReadObjectAsync();

        body["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()).ShouldBe([HostedPbxSyncBed.MainNumber, "+493012345671"]);
        body["stale"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task HostedPbxPut_CallerIdNotInInventory_400NamingFieldWithCode()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.Host.CreateUserAsync("ann", "Ann", "Lee");

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/hosted-pbx", new { extension = "20", outboundCallerId = "+4989123456" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        problem["errors"]!["outboundCallerId"]![0]!.GetValue<string>().ShouldContain("+4989123456");
        problem["errorCodes"]!["outboundCallerId"]![0]!.GetValue<string>().ShouldBe("not_allowed");
    }

    [Fact]
    public async Task HostedPbxPut_DestinationsWhileForwardingOff_StoredWithHiddenFieldWarningAlsoInPreview()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var id = await bed.Host.CreateUserAsync("ann", "Ann", "Lee");

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/hosted-pbx",
            new { extension = "20", forwardingEnabled = false, forwardingDestinations = new[] { "+4930555123" } });
        var preview = await (await bed.Host.Client.GetAsync($"/api/users/{id}/connectors/hosted-pbx/preview")).ReadObjectAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadObjectAsync();
        body["settings"]!["forwardingDestinations"]!.AsArray().Count.ShouldBe(1);
        var warning = body["warnings"]!.AsArray().ShouldHaveSingleItem()!;
        warning["field"]!.GetValue<string>().ShouldBe("forwardingDestinations");
        warning["code"]!.GetValue<string>().ShouldBe("hidden_field");
        preview["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ShouldContain(w => w.StartsWith("forwardingDestinations: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StarfaceOptions_GroupCreatedByAction_ListedAtOnceAndAcceptedInAnyCase()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        (await bed.Host.Client.GetAsync("/api/connectors/starface-cti/options/ctiGroup")).EnsureSuccessStatusCode();
        (await bed.Host.Client.PostAsJsonAsync("/api/connectors/starface-cti/actions/create-cti-group", new { groupId = "sales", name = "Sales" })).EnsureSuccessStatusCode();
        bed.Starface.AddInternalNumber("201");
        var id = await bed.Host.CreateUserAsync("anna", "Anna", "Berg");

        var options = await (await bed.Host.Client.GetAsync("/api/connectors/starface-cti/options/ctiGroup")).ReadObjectAsync();
        var put = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/starface-cti", new { ctiActive = true, extension = "201", ctiGroup = "sales" });

        options["items"]!.AsArray().ShouldHaveSingleItem()!["value"]!.GetValue<string>().ShouldBe("SALES");
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await put.ReadObjectAsync())["settings"]!["ctiGroup"]!.GetValue<string>().ShouldBe("SALES");
    }

    [Fact]
    public async Task StarfacePut_CtiActiveWithoutExtension_RequiredWhenErrorWithCode()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.Host.CreateUserAsync("anna", "Anna", "Berg");

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/starface-cti", new { ctiActive = true });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        problem["errors"]!["extension"]![0]!.GetValue<string>().ShouldBe("Extension is required while CTI active is true.");
        problem["errorCodes"]!["extension"]![0]!.GetValue<string>().ShouldBe("required");
    }

    [Fact]
    public async Task UpdateUser_ClearingEmailStarfaceNeeds_400NamingConnectorAndNothingChanged()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.CreateCtiUserAsync("anna", "Anna", "Berg", "201");

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}", new { firstName = "Anna", lastName = "Berg", email = (string?)null });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        problem["errors"]!["email"]![0]!.GetValue<string>().ShouldContain("STARFACE CTI for Business Central (starface-cti) needs the user's email");
        problem["errorCodes"]!["email"]![0]!.GetValue<string>().ShouldBe("required_by_connector");
        var user = await (await bed.Host.Client.GetAsync($"/api/users/{id}")).ReadObjectAsync();
        user["email"]!.GetValue<string>().ShouldBe("anna@example.com");
    }

    [Fact]
    public async Task UpdateUser_ClearingEmailWithoutStarfaceSettings_Allowed()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.Host.CreateUserAsync("anna", "Anna", "Berg");

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}", new { firstName = "Anna", lastName = "Berg", email = (string?)null });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AddToGroup_SecondCtiGroupForUserWithoutOwn_400FromConnectorAndMembershipNotStored()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        foreach (var (groupId, name) in new[] { ("SALES", "Sales"), ("SUPPORT", "Support") })
        {
            (await bed.Host.Client.PostAsJsonAsync("/api/connectors/starface-cti/actions/create-cti-group", new { groupId, name })).EnsureSuccessStatusCode();
        }
        var sales = await MappedGroupAsync(bed, "sales-team", "SALES");
        var support = await MappedGroupAsync(bed, "support-team", "SUPPORT");
        var id = await bed.CreateCtiUserAsync("anna", "Anna", "Berg", "201");
        (await bed.Host.Client.PutAsync($"/api/users/{id}/groups/{sales}", null)).EnsureSuccessStatusCode();

        var response = await bed.Host.Client.PutAsync($"/api/users/{id}/groups/{support}", null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        var message = problem["errors"]!["connectors.starface-cti.ctiGroup"]![0]!.GetValue<string>();
        message.ShouldStartWith("STARFACE CTI for Business Central (starface-cti): A user has at most one CTI group");
        var user = await (await bed.Host.Client.GetAsync($"/api/users/{id}")).ReadObjectAsync();
        user.ToJsonString().ShouldContain(sales.ToString());
        user.ToJsonString().ShouldNotContain(support.ToString());
    }

    private static async Task<Guid> MappedGroupAsync(StarfaceSyncBed bed, string key, string ctiGroup)
    {
        var id = (await (await bed.Host.Client.PostAsJsonAsync("/api/groups", new { key, name = key })).ReadObjectAsync())["id"]!.GetValue<Guid>();
        (await bed.Host.Client.PutAsJsonAsync($"/api/groups/{id}/connectors/starface-cti", new { ctiGroup })).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task Plan_VendorUserWhoseLoginIsOnlyTheUsersEmail_NotMatchedButListedAsUnknown()
    {
        await using var bed = await StarfaceSyncBed.StartAsync();
        var id = await bed.CreateCtiUserAsync("emil", "Emil", "Kraft", "201");
        // Before: a projection without match key let the host pair users on any text, here the e-mail.
        bed.Starface.AddUser("emil@example.com", "Emil", "Kraft", "emil@example.com");
        var byLogin = bed.Starface.AddUser("emil", "Emil", "Other", "other@example.com");

        var plan = (await (await bed.Host.Client.GetAsync("/api/sync/plan?connectorId=starface-cti")).ReadNodeAsync()).AsArray().Single()!;

        var change = plan["changes"]!.AsArray().Single()!;
        change["userId"]!.GetValue<Guid>().ShouldBe(id);
        change["action"]!.GetValue<string>().ShouldBe("update");
        change["vendorId"]!.GetValue<string>().ShouldBe(byLogin.ToString(System.Globalization.CultureInfo.InvariantCulture));
        change["differences"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()).ShouldContain("familyName");
        plan["unknownAtVendor"]!.AsArray().Select(u => u!["matchKey"]!.GetValue<string>()).ShouldContain("emil@example.com");
    }
}
