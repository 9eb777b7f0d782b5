using System.Text.Json.Nodes;
using Starface.Cti.Testing;

namespace Starface.Cti.Tests;

public sealed class ScreenPopTests
{
    private const string LinkPrefix = "https://businesscentral.dynamics.com/contoso.onmicrosoft.com/production/?company=CRONUS%20AG";

    /// <summary>A small Business Central directory: linked and unlinked customers, a vendor reached through a person.</summary>
    private static async Task<CtiTestBed> StartAsync(Action<JsonObject>? userSettings = null, Action<JsonObject>? connectorSettings = null)
    {
        var bed = await CtiTestBed.StartAsync(connectorSettings);
        var bc = bed.BusinessCentral;
        var adatum = bc.AddContact("CT000001", "Adatum Corporation", phone: "+49 30 1234567");
        var adatumCustomer = bc.AddCustomer("10000", "Adatum Corporation", phone: "030 1234567");
        bc.Link(adatum, adatumCustomer, "Customer");
        bc.AddCustomer("20000", "Trey Research", phone: "+49 89 555000");
        var fabrikam = bc.AddContact("CT000002", "Fabrikam Inc.", phone: "+49 40 7654321");
        bc.AddContact("CT000003", "Paula Person", mobile: "0171 2345678", type: "Person", companyNumber: "CT000002");
        var fabrikamVendor = bc.AddVendor("30000", "Fabrikam Inc.");
        bc.Link(fabrikam, fabrikamVendor, "Vendor");
        bc.AddContact("CT000004", "Litware Switchboard", phone: "+49 69 4711 ext. 12");
        await bed.AddCtiUserAsync("anna", "201", adjust: userSettings);
        return bed;
    }

    private static JsonObject Incoming(string caller, string called = "201", string phase = "ringing") =>
        new() { ["direction"] = "incoming", ["phase"] = phase, ["callerNumber"] = caller, ["calledNumber"] = called };

    private static JsonObject Outgoing(string called, string caller = "201", string phase = "ringing") =>
        new() { ["direction"] = "outgoing", ["phase"] = phase, ["callerNumber"] = caller, ["calledNumber"] = called };

    [Fact]
    public async Task ScreenPop_IncomingKnownContact_ReturnsContactCardDeepLink()
    {
        await using var bed = await StartAsync();

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("+49 30 1234567"));

        result["pop"]!.GetValue<bool>().ShouldBeTrue();
        result["action"]!.GetValue<string>().ShouldBe("open-record");
        result["user"]!["username"]!.GetValue<string>().ShouldBe("anna");
        result["page"]!.GetValue<int>().ShouldBe(5050);
        result["url"]!.GetValue<string>().ShouldBe($"{LinkPrefix}&page=5050&filter=%27No.%27%20IS%20%27CT000001%27");
        // Filters in web client links are not documented by Microsoft: a plain link to the list always comes along.
        result["fallbackUrl"]!.GetValue<string>().ShouldBe($"{LinkPrefix}&page=5052");
        result["records"]!.AsArray().Single()!["number"]!.GetValue<string>().ShouldBe("CT000001");
    }

    [Theory]
    [InlineData("+49301234567")]
    [InlineData("+49 (30) 123 45 67")]
    [InlineData("0049301234567")]
    [InlineData("0049 30 1234567")]
    [InlineData("0301234567")]
    [InlineData("030/123 45-67")]
    public async Task ScreenPop_NumberVariants_MatchSameContact(string caller)
    {
        await using var bed = await StartAsync();

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming(caller));

        result["normalizedNumber"]!.GetValue<string>().ShouldBe("+49301234567");
        result["records"]!.AsArray().Select(r => r!["number"]!.GetValue<string>()).ShouldBe(["CT000001"]);
    }

    [Theory]
    [InlineData("+49 69 471112")]
    [InlineData("069 4711")]
    public async Task ScreenPop_ContactNumberWithExtension_MatchesDirectDialAndSwitchboard(string caller)
    {
        await using var bed = await StartAsync();

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming(caller));

        result["records"]!.AsArray().Select(r => r!["number"]!.GetValue<string>()).ShouldBe(["CT000004"]);
    }

    [Fact]
    public async Task ScreenPop_CustomersPageLinkedCustomer_ReturnsCustomerListFilteredByNo()
    {
        await using var bed = await StartAsync(s => s["ctiPage"] = "customers");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("0049 30 1234567"));

        result["page"]!.GetValue<int>().ShouldBe(22);
        result["url"]!.GetValue<string>().ShouldBe($"{LinkPrefix}&page=22&filter=%27No.%27%20IS%20%2710000%27");
        result["fallbackUrl"]!.GetValue<string>().ShouldBe($"{LinkPrefix}&page=22");
        var record = result["records"]!.AsArray().Single()!;
        record["type"]!.GetValue<string>().ShouldBe("customer");
        record["number"]!.GetValue<string>().ShouldBe("10000");
    }

    [Fact]
    public async Task ScreenPop_CustomerWithoutContactLink_IsNeverMatched()
    {
        await using var bed = await StartAsync(s =>
        {
            s["ctiPage"] = "customers";
            s["notFoundAction"] = "none";
        });

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("+49 89 555000"));

        result["pop"]!.GetValue<bool>().ShouldBeFalse();
        result["action"]!.GetValue<string>().ShouldBe("none");
        result.ContainsKey("records").ShouldBeFalse();
        bed.BusinessCentral.RequestsFor("customers").ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ScreenPop_ContactsPageCustomerWithoutContactLink_IsNotMatchedEither()
    {
        await using var bed = await StartAsync(s => s["notFoundAction"] = "filtered-list");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("+49 89 555000"));

        result["action"]!.GetValue<string>().ShouldBe("filtered-list");
    }

    [Fact]
    public async Task ScreenPop_VendorsPagePersonOfLinkedCompany_ReturnsVendorList()
    {
        await using var bed = await StartAsync(s => s["ctiPage"] = "vendors");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("+49 171 2345678"));

        result["page"]!.GetValue<int>().ShouldBe(27);
        result["url"]!.GetValue<string>().ShouldBe($"{LinkPrefix}&page=27&filter=%27No.%27%20IS%20%2730000%27");
    }

    [Fact]
    public async Task ScreenPop_OutgoingCallWhileOpenCtiPageIsIncoming_DoesNotPopNorAskBusinessCentral()
    {
        await using var bed = await StartAsync(s => s["openCtiPage"] = "incoming");

        var result = await bed.InvokeJsonAsync("screen-pop", Outgoing("+49 30 1234567"));

        result["pop"]!.GetValue<bool>().ShouldBeFalse();
        result["reason"]!.GetValue<string>().ShouldContain("incoming");
        result.ContainsKey("url").ShouldBeFalse();
        bed.BusinessCentral.ApiRequests.ShouldBe(0);
    }

    [Fact]
    public async Task ScreenPop_OutgoingCallWhileOpenCtiPageIsOutgoing_UsesCallingExtensionAndCalledNumber()
    {
        await using var bed = await StartAsync(s => s["openCtiPage"] = "outgoing");

        var result = await bed.InvokeJsonAsync("screen-pop", Outgoing("030 1234567"));

        result["pop"]!.GetValue<bool>().ShouldBeTrue();
        result["user"]!["extension"]!.GetValue<string>().ShouldBe("201");
        result["records"]!.AsArray().Single()!["number"]!.GetValue<string>().ShouldBe("CT000001");
    }

    [Fact]
    public async Task ScreenPop_IncomingCallWhileOpenCtiPageIsOutgoing_DoesNotPop()
    {
        await using var bed = await StartAsync(s => s["openCtiPage"] = "outgoing");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("030 1234567"));

        result["pop"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [InlineData("incoming")]
    [InlineData("outgoing")]
    public async Task ScreenPop_OpenCtiPageBoth_PopsInEitherDirection(string direction)
    {
        await using var bed = await StartAsync(s => s["openCtiPage"] = "both");

        var result = await bed.InvokeJsonAsync("screen-pop", direction == "incoming" ? Incoming("030 1234567") : Outgoing("030 1234567"));

        result["pop"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task ScreenPop_OpenCtiPageNever_DoesNotPop()
    {
        await using var bed = await StartAsync(s => s["openCtiPage"] = "never");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("030 1234567"));

        result["pop"]!.GetValue<bool>().ShouldBeFalse();
        result["reason"]!.GetValue<string>().ShouldContain("never");
    }

    [Theory]
    [InlineData("ringing", false)]
    [InlineData("answered", true)]
    [InlineData("ended", false)]
    public async Task ScreenPop_TimeOfOpeningAnswered_PopsOnlyWhenAnswered(string phase, bool pops)
    {
        await using var bed = await StartAsync(s => s["openCtiPageAt"] = "answered");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("030 1234567", phase: phase));

        result["pop"]!.GetValue<bool>().ShouldBe(pops);
    }

    [Fact]
    public async Task ScreenPop_UnknownNumberNewContact_ReturnsNewContactCardPrefilledWithNumber()
    {
        await using var bed = await StartAsync(s => s["notFoundAction"] = "new-contact");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("0221 999999"));

        result["pop"]!.GetValue<bool>().ShouldBeTrue();
        result["action"]!.GetValue<string>().ShouldBe("new-contact");
        result["url"]!.GetValue<string>().ShouldBe($"{LinkPrefix}&page=5050&mode=Create&filter=%27Phone%20No.%27%20IS%20%27%2B49221999999%27");
        // Prefill in Create mode is not documented: the fallback opens an empty new contact card.
        result["fallbackUrl"]!.GetValue<string>().ShouldBe($"{LinkPrefix}&page=5050&mode=Create");
        result["prefill"]!["Phone No."]!.GetValue<string>().ShouldBe("+49221999999");
    }

    [Theory]
    [InlineData("contacts", 5052)]
    [InlineData("customers", 22)]
    [InlineData("vendors", 27)]
    public async Task ScreenPop_UnknownNumberFilteredList_OpensCtiPageListFilteredByNumber(string ctiPage, int listPage)
    {
        await using var bed = await StartAsync(s =>
        {
            s["notFoundAction"] = "filtered-list";
            s["ctiPage"] = ctiPage;
        });

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("+49 221 999999"));

        result["action"]!.GetValue<string>().ShouldBe("filtered-list");
        result["url"]!.GetValue<string>().ShouldBe($"{LinkPrefix}&page={listPage}&filter=%27Phone%20No.%27%20IS%20%27%2A221999999%27");
        result["fallbackUrl"]!.GetValue<string>().ShouldBe($"{LinkPrefix}&page={listPage}");
        Uri.UnescapeDataString(result["url"]!.GetValue<string>()).ShouldEndWith("filter='Phone No.' IS '*221999999'");
    }

    [Fact]
    public async Task ScreenPop_DirectDialBehindCompanySwitchboard_MatchesCompanyContactByLongestPrefix()
    {
        await using var bed = await StartAsync();
        bed.BusinessCentral.AddContact("CT000009", "Adatum Sales", phone: "+49 30 12345");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("+49301234567201"));

        result["action"]!.GetValue<string>().ShouldBe("open-record");
        result["records"]!.AsArray().Single()!["number"]!.GetValue<string>().ShouldBe("CT000001");
    }

    [Fact]
    public async Task ScreenPop_DirectDialBehindCompanyOnCustomersPage_ReturnsLinkedCustomer()
    {
        await using var bed = await StartAsync(s => s["ctiPage"] = "customers");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("030 1234567-42"));

        result["records"]!.AsArray().Single()!["number"]!.GetValue<string>().ShouldBe("10000");
    }

    [Fact]
    public async Task ScreenPop_DirectDialBehindPersonContactNumber_IsNotMatchedByPrefix()
    {
        await using var bed = await StartAsync(s => s["notFoundAction"] = "filtered-list");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("+49 171 234567899"));

        result["action"]!.GetValue<string>().ShouldBe("filtered-list");
    }

    [Fact]
    public async Task ScreenPop_DirectDialBehindCompanyWithExactlySixNationalDigits_MatchesByPrefix()
    {
        await using var bed = await StartAsync(s => s["notFoundAction"] = "filtered-list");
        bed.BusinessCentral.AddContact("CT000011", "Six Digits GmbH", phone: "+49 511 987");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("+49 511 98765"));

        result["action"]!.GetValue<string>().ShouldBe("open-record");
        result["records"]!.AsArray().Single()!["number"]!.GetValue<string>().ShouldBe("CT000011");
    }

    [Fact]
    public async Task ScreenPop_CompanyNumberWithFewerThanSixNationalDigits_IsNotMatchedByPrefix()
    {
        await using var bed = await StartAsync(s => s["notFoundAction"] = "filtered-list");
        bed.BusinessCentral.AddContact("CT000010", "Short Number GmbH", phone: "+49 30 123");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("+49 30 1239999"));

        result["action"]!.GetValue<string>().ShouldBe("filtered-list");
    }

    [Fact]
    public async Task ScreenPop_UnknownNumberDoNothing_DoesNotPop()
    {
        await using var bed = await StartAsync();

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("+49 221 999999"));

        result["pop"]!.GetValue<bool>().ShouldBeFalse();
        result["action"]!.GetValue<string>().ShouldBe("none");
    }

    [Fact]
    public async Task ScreenPop_ExtensionOfInactiveUser_Returns404()
    {
        await using var bed = await StartAsync();
        var ben = bed.AddUser("ben");
        await bed.SetUpUserAsync(ben.Id, new JsonObject { ["ctiActive"] = false, ["extension"] = "202" });

        var problem = await bed.InvokeProblemAsync("screen-pop", Incoming("030 1234567", called: "202"));

        problem.Status.ShouldBe(404);
        problem.Detail.ShouldContain("202");
    }

    [Fact]
    public async Task ScreenPop_ExplicitExtension_AddressesThatUser()
    {
        await using var bed = await StartAsync();
        var input = Incoming("030 1234567", called: "+49 30 9999201");
        input["extension"] = "201";

        var result = await bed.InvokeJsonAsync("screen-pop", input);

        result["user"]!["username"]!.GetValue<string>().ShouldBe("anna");
    }

    [Fact]
    public async Task ScreenPop_MissingDirectionAndPhase_Returns400NamingFields()
    {
        await using var bed = await StartAsync();

        var problem = await bed.InvokeProblemAsync("screen-pop", new JsonObject { ["callerNumber"] = "030 1234567", ["calledNumber"] = "201" });

        problem.Status.ShouldBe(400);
        problem.Errors.Select(e => e.Field).ShouldBe(["direction", "phase"], ignoreOrder: true);
    }

    [Fact]
    public async Task ScreenPop_IncomingWithoutCallerNumber_Returns400NamingCallerNumber()
    {
        await using var bed = await StartAsync();

        var problem = await bed.InvokeProblemAsync("screen-pop", new JsonObject { ["direction"] = "incoming", ["phase"] = "ringing", ["calledNumber"] = "201" });

        problem.Errors.Select(e => e.Field).ShouldBe(["callerNumber"]);
    }

    [Fact]
    public async Task ScreenPop_BusinessCentralRefusesClientSecret_Returns502WithoutSecrets()
    {
        await using var bed = await StartAsync(connectorSettings: s => s["businessCentralClientSecret"] = "wrong-secret-value");

        var problem = await bed.InvokeProblemAsync("screen-pop", Incoming("030 1234567"));

        problem.Status.ShouldBe(502);
        problem.Detail.ShouldContain("invalid_client");
        problem.Detail.ShouldNotContain("wrong-secret-value");
        problem.Detail.ShouldNotContain(FakeBusinessCentral.ClientSecret);
    }

    [Fact]
    public async Task ScreenPop_ContactOnLaterPage_IsFoundByFollowingNextLink()
    {
        await using var bed = await StartAsync();
        for (var i = 0; i < 5; i++)
        {
            bed.BusinessCentral.AddContact($"CT10{i}", $"Filler {i}", phone: $"+49 40 10000{i}");
        }
        bed.BusinessCentral.AddContact("CT999", "Last Contact", phone: "+49 511 123123");

        var result = await bed.InvokeJsonAsync("screen-pop", Incoming("0511 123123"));

        result["records"]!.AsArray().Single()!["number"]!.GetValue<string>().ShouldBe("CT999");
        bed.BusinessCentral.RequestsFor("contacts").ShouldBe(5);
    }

    [Fact]
    public async Task ScreenPop_TwoCallsWithinRefreshInterval_ReadBusinessCentralOnce()
    {
        await using var bed = await StartAsync();

        await bed.InvokeJsonAsync("screen-pop", Incoming("030 1234567"));
        await bed.InvokeJsonAsync("screen-pop", Incoming("040 7654321"));

        bed.BusinessCentral.RequestsFor("customers").ShouldBe(1);
        bed.BusinessCentral.TokensIssued.ShouldBe(1);
    }

    [Fact]
    public async Task ScreenPop_TokenRequest_UsesClientCredentialsGrantWithBusinessCentralScope()
    {
        await using var bed = await StartAsync();

        await bed.InvokeJsonAsync("screen-pop", Incoming("030 1234567"));

        bed.BusinessCentral.TokenRequestBodies.ShouldBe(
        [
            $"client_id={FakeBusinessCentral.ClientId}&client_secret={FakeBusinessCentral.ClientSecret}&grant_type=client_credentials&scope=https://api.businesscentral.dynamics.com/.default",
        ]);
    }
}
