using ConnectorHost.Core.Users;
using System.Net;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using Microsoft.Extensions.Time.Testing;
using Starface.Cti.BusinessCentral;
using Starface.Cti.ScreenPop;
using Starface.Cti.Settings;
using Starface.Cti.Testing;

namespace Starface.Cti.Tests;

public sealed class BusinessCentralDirectoryTests : IAsyncLifetime
{
    private FakeBusinessCentral _bc = null!;
    // The test moves this clock (shared with the fake's token expiry) instead of waiting.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private StarfaceCtiOptions _options = null!;
    private BusinessCentralApiClient _api = null!;
    private BusinessCentralDirectory _directory = null!;
    private PhoneNumberNormalizer _normalizer = null!;

    public async Task InitializeAsync()
    {
        _bc = await FakeBusinessCentral.StartAsync(_clock);
        var settings = CtiTestBed.Settings(_bc, null);
        settings["directoryRefreshMinutes"] = System.Text.Json.Nodes.JsonNode.Parse("10");
        _options = StarfaceCtiOptions.Parse(settings, LibPhoneNumbers.Instance);
        _normalizer = new PhoneNumberNormalizer(LibPhoneNumbers.Instance, _options);
        var tokens = new BusinessCentralTokenSource(new HttpClient(), _options, _clock);
        _api = new BusinessCentralApiClient(new HttpClient(), tokens, _options, _clock);
        _directory = new BusinessCentralDirectory(_api, _normalizer, _options, _clock);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _bc.DisposeAsync();
    }

    private async Task<IReadOnlyList<string>> FindContacts(string number) => await Find(number, CtiPage.Contacts);

    private async Task<IReadOnlyList<string>> Find(string number, CtiPage page) =>
        (await _directory.GetAsync(default)).Find(_normalizer.Normalize(number)!, page).Select(r => r.Number).ToList();

    [Fact]
    public async Task GetAsync_WithinRefreshInterval_ServesCachedDirectory()
    {
        var contact = _bc.AddContact("CT1", "Adatum", phone: "+49 30 1111");
        await FindContacts("030 1111");
        _bc.SetContactPhone(contact, "+49 30 2222");
        _clock.Advance(TimeSpan.FromMinutes(9));

        var stale = await FindContacts("030 1111");

        stale.ShouldBe(["CT1"]);
        _bc.RequestsFor("contacts").ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_AfterRefreshInterval_ReloadsDirectory()
    {
        var contact = _bc.AddContact("CT1", "Adatum", phone: "+49 30 1111");
        _bc.Link(contact, _bc.AddCustomer("10000", "Adatum"), "Customer");
        await FindContacts("030 1111");
        _bc.SetContactPhone(contact, "+49 30 2222");
        _clock.Advance(TimeSpan.FromMinutes(10));

        (await FindContacts("030 2222")).ShouldBe(["CT1"]);
        (await FindContacts("030 1111")).ShouldBeEmpty();
        _bc.RequestsFor("contacts").ShouldBe(2);
        _bc.RequestsFor("contactsInformation").ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_TokenStillValidAtRefresh_ReusesToken()
    {
        _bc.AddContact("CT1", "Adatum", phone: "+49 30 1111");
        await FindContacts("030 1111");
        _clock.Advance(TimeSpan.FromMinutes(10));

        await FindContacts("030 1111");

        _bc.TokensIssued.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_TokenExpiredAtRefresh_RequestsNewToken()
    {
        _bc.ExpiresInSeconds = 600;
        _bc.AddContact("CT1", "Adatum", phone: "+49 30 1111");
        await FindContacts("030 1111");
        _clock.Advance(TimeSpan.FromMinutes(10));

        await FindContacts("030 1111");

        _bc.TokensIssued.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_TokenRevokedByServer_GetsNewTokenOnceAndSucceeds()
    {
        _bc.AddContact("CT1", "Adatum", phone: "+49 30 1111");
        await FindContacts("030 1111");
        _bc.RevokeToken();
        _clock.Advance(TimeSpan.FromMinutes(10));

        (await FindContacts("030 1111")).ShouldBe(["CT1"]);

        _bc.TokensIssued.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_WrongClientSecret_ThrowsAuthenticationErrorWithoutSecret()
    {
        var settings = CtiTestBed.Settings(_bc, null);
        settings["businessCentralClientSecret"] = "not-the-secret";
        var options = StarfaceCtiOptions.Parse(settings, LibPhoneNumbers.Instance);
        using var api = new BusinessCentralApiClient(new HttpClient(), new BusinessCentralTokenSource(new HttpClient(), options, _clock), options, _clock);
        var directory = new BusinessCentralDirectory(api, new PhoneNumberNormalizer(LibPhoneNumbers.Instance, options), options, _clock);

        var error = await Should.ThrowAsync<VendorAuthenticationException>(() => directory.GetAsync(default));

        error.Message.ShouldContain("invalid_client");
        error.Message.ShouldNotContain("not-the-secret");
        error.Message.ShouldNotContain("AADSTS");
    }

    [Fact]
    public async Task GetAsync_CustomersAndVendorsWithContactLinks_ReadsLinksPerPartyAsBusinessCentralRequires()
    {
        var adatum = _bc.AddContact("CT1", "Adatum", phone: "+49 30 1111");
        _bc.AddContact("CT2", "Anna Adatum", mobile: "+49 171 1111", type: "Person", companyNumber: "CT1");
        var customer = _bc.AddCustomer("10000", "Adatum");
        _bc.Link(adatum, customer, "Customer");
        var fabrikam = _bc.AddContact("CT3", "Fabrikam", phone: "+49 40 3333");
        var vendor = _bc.AddVendor("30000", "Fabrikam");
        _bc.Link(fabrikam, vendor, "Vendor");
        _bc.AddCustomer("20000", "Unlinked", phone: "+49 89 2222");

        var byPerson = await Find("+49 171 1111", CtiPage.Customers);
        var vendors = await Find("040 3333", CtiPage.Vendors);

        byPerson.ShouldBe(["10000"]);
        vendors.ShouldBe(["30000"]);
        _bc.Refusals.ShouldBeEmpty();
        // One read per customer and vendor (each answer fits one page).
        _bc.RequestsFor("contactsInformation").ShouldBe(3);
    }

    [Fact]
    public async Task GetAsync_CustomerDeletedWhileDirectoryLoads_LoadsTheRest()
    {
        var adatum = _bc.AddContact("CT1", "Adatum");
        var customer = _bc.AddCustomer("10000", "Adatum", phone: "+49 30 1111");
        _bc.Link(adatum, customer, "Customer");
        var gone = _bc.AddCustomer("20000", "Gone Ltd", phone: "+49 30 2222");
        _bc.Link(adatum, gone, "Customer");
        _bc.DeleteAfterNextList(gone);

        (await Find("030 1111", CtiPage.Customers)).ShouldBe(["10000"]);
    }

    [Fact]
    public async Task GetAsync_CustomerNumberOnContactsPage_ReturnsItsCompanyContactNotItsPeople()
    {
        var adatum = _bc.AddContact("CT1", "Adatum");
        _bc.AddContact("CT2", "Anna Adatum", type: "Person", companyNumber: "CT1");
        _bc.AddContact("CT3", "Ben Adatum", type: "Person", companyNumber: "CT1");
        var customer = _bc.AddCustomer("10000", "Adatum", phone: "+49 30 1111");
        _bc.Link(adatum, customer, "Customer");

        (await FindContacts("030 1111")).ShouldBe(["CT1"]);
    }

    [Fact]
    public async Task ContactsInformation_CompanyWideOrWithoutBothFilters_RefusedLikeTheRealPage()
    {
        var adatum = _bc.AddContact("CT1", "Adatum");
        _bc.AddContact("CT2", "Anna Adatum", type: "Person", companyNumber: "CT1");
        var customer = _bc.AddCustomer("10000", "Adatum");
        _bc.Link(adatum, customer, "Customer");
        using var http = await AuthorizedClientAsync();

        foreach (var refused in new[]
        {
            "contactsInformation",
            "contactsInformation?$filter=relatedType eq 'Customer' or relatedType eq 'Vendor'",
            "contactsInformation?$filter=relatedType eq 'Customer'",
            $"contactsInformation?$filter=relatedId eq {customer:D}",
        })
        {
            var (status, body) = await GetAsync(http, refused);
            status.ShouldBe(HttpStatusCode.BadRequest, refused);
            body["error"]!["code"]!.GetValue<string>().ShouldBe("Application_DialogException");
            body["error"]!["message"]!.GetValue<string>().ShouldStartWith("id type not specified.  CorrelationId:");
        }
        var (okStatus, rows) = await GetAsync(http, $"contactsInformation?$filter=relatedId eq {customer:D} and relatedType eq 'Customer'");
        var (navStatus, navRows) = await GetAsync(http, $"customers({customer:D})/contactsInformation");

        okStatus.ShouldBe(HttpStatusCode.OK);
        navStatus.ShouldBe(HttpStatusCode.OK);
        rows["value"]!.AsArray().Select(r => (r!["contactNumber"]!.GetValue<string>(), r["contactType"]!.GetValue<string>()))
            .ShouldBe([("CT1", "Company"), ("CT2", "Person")]);
        navRows["value"]!.ToJsonString().ShouldBe(rows["value"]!.ToJsonString());
    }

    [Fact]
    public async Task Find_LinkedVendorCalledOnItsOwnNumber_IsFoundOnVendorsPage()
    {
        var contact = _bc.AddContact("CT1", "Fabrikam", phone: "+49 40 1111");
        var vendor = _bc.AddVendor("30000", "Fabrikam Inc.", phone: "+49 40 2222");
        _bc.Link(contact, vendor, "Vendor");

        (await Find("040 2222", CtiPage.Vendors)).ShouldBe(["30000"]);
    }

    [Fact]
    public async Task GetAllAsync_TokenWithinLastMinuteOfItsLifetime_IsRenewedBeforeUse()
    {
        _bc.ExpiresInSeconds = 600;
        await _api.GetAllAsync("contacts?$select=id", default);
        _clock.Advance(TimeSpan.FromSeconds(539));
        await _api.GetAllAsync("contacts?$select=id", default);
        var beforeMargin = _bc.TokensIssued;

        _clock.Advance(TimeSpan.FromSeconds(2));
        await _api.GetAllAsync("contacts?$select=id", default);

        beforeMargin.ShouldBe(1);
        // 541 s into a 600 s token: renewed although the old one would still be accepted for 59 s.
        _bc.TokensIssued.ShouldBe(2);
    }

    [Fact]
    public async Task GetAllAsync_NextLinkToAnotherHost_RefusedWithoutSendingTheToken()
    {
        await using var foreign = await ForeignHost.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            _bc.AddContact($"CT{i}", $"Contact {i}");
        }
        _bc.NextLinkBase = foreign.BaseAddress;

        var error = await Should.ThrowAsync<VendorUnavailableException>(() => _api.GetAllAsync("contacts?$select=id,number", default));

        error.Message.ShouldContain("another host");
        error.Message.ShouldNotContain("bc-token");
        foreign.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task FakeBusinessCentral_SelectAndFilter_AppliedAndUnknownPropertyRefused()
    {
        _bc.AddContact("CT1", "Adatum", phone: "+49 30 1111");
        _bc.AddContact("CT2", "Anna Adatum", type: "Person", companyNumber: "CT1");
        using var http = await AuthorizedClientAsync();

        var (status, body) = await GetAsync(http, "contacts?$select=number,type&$filter=type eq 'Person'");
        var (unknownStatus, unknown) = await GetAsync(http, "contacts?$select=id,faxNumber");

        status.ShouldBe(HttpStatusCode.OK);
        var row = body["value"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        row.Select(p => p.Key).ShouldBe(["@odata.etag", "number", "type"]);
        row["number"]!.GetValue<string>().ShouldBe("CT2");
        unknownStatus.ShouldBe(HttpStatusCode.BadRequest);
        unknown["error"]!["message"]!.GetValue<string>().ShouldContain("faxNumber");
    }

    /// <summary>An HTTP client holding a token of the fake, for asking the fake directly.</summary>
    private async Task<HttpClient> AuthorizedClientAsync()
    {
        var http = new HttpClient();
        using var tokenResponse = await http.PostAsync(_bc.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = FakeBusinessCentral.ClientId,
            ["client_secret"] = FakeBusinessCentral.ClientSecret,
            ["scope"] = "https://api.businesscentral.dynamics.com/.default",
        }));
        var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(HttpClient http, string relative)
    {
        using var response = await http.GetAsync(new Uri(new Uri(_options.CompanyApiUrl.AbsoluteUri.TrimEnd('/') + "/"), relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
