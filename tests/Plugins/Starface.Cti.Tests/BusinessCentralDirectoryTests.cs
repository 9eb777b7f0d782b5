using ConnectorHost.Sdk.Gateway;
using Starface.Cti.BusinessCentral;
using Starface.Cti.ScreenPop;
using Starface.Cti.Settings;
using Starface.Cti.Tests.Fakes;

namespace Starface.Cti.Tests;

/// <summary>A clock the test moves by hand, so refresh intervals are tested without waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

public sealed class BusinessCentralDirectoryTests : IAsyncLifetime
{
    private FakeBusinessCentral _bc = null!;
    private readonly ManualClock _clock = new();
    private StarfaceCtiOptions _options = null!;
    private BusinessCentralApiClient _api = null!;
    private BusinessCentralDirectory _directory = null!;
    private PhoneNumberNormalizer _normalizer = null!;

    public async Task InitializeAsync()
    {
        _bc = await FakeBusinessCentral.StartAsync();
        var settings = CtiTestBed.Settings(_bc, null);
        settings["directoryRefreshMinutes"] = System.Text.Json.Nodes.JsonNode.Parse("10");
        _options = StarfaceCtiOptions.Parse(settings);
        _normalizer = new PhoneNumberNormalizer(_options);
        var tokens = new BusinessCentralTokenSource(new HttpClient(), _options, _clock);
        _api = new BusinessCentralApiClient(new HttpClient(), tokens, _options, _clock);
        _directory = new BusinessCentralDirectory(_api, _normalizer, _options, _clock);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _bc.DisposeAsync();
    }

    private async Task<IReadOnlyList<string>> FindContacts(string number) =>
        (await _directory.GetAsync(default)).Find(_normalizer.Normalize(number)!, CtiPage.Contacts).Select(r => r.Number).ToList();

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
        var options = StarfaceCtiOptions.Parse(settings);
        using var api = new BusinessCentralApiClient(new HttpClient(), new BusinessCentralTokenSource(new HttpClient(), options, _clock), options, _clock);
        var directory = new BusinessCentralDirectory(api, new PhoneNumberNormalizer(options), options, _clock);

        var error = await Should.ThrowAsync<VendorAuthenticationException>(() => directory.GetAsync(default));

        error.Message.ShouldContain("invalid_client");
        error.Message.ShouldNotContain("not-the-secret");
        error.Message.ShouldNotContain("AADSTS");
    }
}
