using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Host.Tests.Sync;
using Microsoft.Extensions.Time.Testing;

namespace ConnectorHost.Host.Tests;

/// <summary>
/// Options from the vendor at run time, through the real host: the sample connector lists the fake vendor's user
/// profiles (GET /profiles) for its "profile" field, refreshed every 60 s.
/// </summary>
public sealed class FieldOptionsTests
{
    private static async Task<(SyncTestBed Bed, FakeTimeProvider Clock)> StartAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        return (await SyncTestBed.StartAsync(time: clock), clock);
    }

    [Fact]
    public async Task GetOptions_FirstCall_VendorListWithFetchedAt()
    {
        var (bed, clock) = await StartAsync();
        await using var _ = bed;

        var response = await bed.Host.Client.GetAsync("/api/connectors/sample/options/profile");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadObjectAsync();
        body["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()).ShouldBe(["agent", "supervisor"]);
        body["items"]![0]!["label"]!["en"]!.GetValue<string>().ShouldBe("Agent");
        body["fetchedAt"]!.GetValue<DateTimeOffset>().ShouldBe(clock.GetUtcNow());
        body["stale"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task GetOptions_WithinRefreshInterval_ServedFromCacheThenRefreshed()
    {
        var (bed, clock) = await StartAsync();
        await using var _ = bed;
        await bed.Host.Client.GetAsync("/api/connectors/sample/options/profile");
        bed.Vendor.Profiles.Add(("admin", "Administrator"));

        clock.Advance(TimeSpan.FromSeconds(59));
        var cached = await (await bed.Host.Client.GetAsync("/api/connectors/sample/options/profile")).ReadObjectAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await (await bed.Host.Client.GetAsync("/api/connectors/sample/options/profile")).ReadObjectAsync();

        cached["items"]!.AsArray().Count.ShouldBe(2);
        refreshed["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()).ShouldBe(["agent", "supervisor", "admin"]);
        refreshed["fetchedAt"]!.GetValue<DateTimeOffset>().ShouldBe(clock.GetUtcNow());
        bed.Vendor.ProfileReads.ShouldBe(2);
    }

    [Fact]
    public async Task PutSettings_ValueNotInVendorList_400NamingFieldWithCode()
    {
        var (bed, _) = await StartAsync();
        await using var __ = bed;
        var id = (await bed.Host.CreateUserAsync("ann"))["id"]!.GetValue<Guid>();

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "123", profile = "admin" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadObjectAsync();
        problem["errors"]!["profile"]![0]!.GetValue<string>().ShouldStartWith("Vendor profile: 'admin' is not offered by the connector (any more; it may have been deleted at the vendor). Offered now: agent");
        problem["errorCodes"]!["profile"]![0]!.GetValue<string>().ShouldBe("not_allowed");
    }

    [Fact]
    public async Task PutSettings_ValueInOtherLetterCase_StoredInTheVendorsSpelling()
    {
        var (bed, _) = await StartAsync();
        await using var __ = bed;
        var id = (await bed.Host.CreateUserAsync("ann"))["id"]!.GetValue<Guid>();

        var response = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "123", profile = "Supervisor" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadObjectAsync();
        body["settings"]!["profile"]!.GetValue<string>().ShouldBe("supervisor");
        body["warnings"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task VendorDown_AfterRefreshInterval_LastGoodListMarkedStaleWithItsAge()
    {
        var (bed, clock) = await StartAsync();
        await using var _ = bed;
        var fetchedAt = clock.GetUtcNow();
        await bed.Host.Client.GetAsync("/api/connectors/sample/options/profile");
        bed.Vendor.Down = true;
        clock.Advance(TimeSpan.FromMinutes(10));
        var id = (await bed.Host.CreateUserAsync("ann"))["id"]!.GetValue<Guid>();

        var options = await bed.Host.Client.GetAsync("/api/connectors/sample/options/profile");
        var put = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "123", profile = "agent" });

        options.StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await options.ReadObjectAsync();
        list["stale"]!.GetValue<bool>().ShouldBeTrue();
        list["fetchedAt"]!.GetValue<DateTimeOffset>().ShouldBe(fetchedAt);
        list["items"]!.AsArray().Count.ShouldBe(2);
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var warning = (await put.ReadObjectAsync())["warnings"]!.AsArray().ShouldHaveSingleItem()!;
        warning["field"]!.GetValue<string>().ShouldBe("profile");
        warning["code"]!.GetValue<string>().ShouldBe("stale_options");
        warning["message"]!.GetValue<string>().ShouldContain("2026-11-30 09:00:00Z");
    }

    [Fact]
    public async Task VendorDown_NoListEverFetched_503ForOptionsAndClearValidationError()
    {
        var (bed, _) = await StartAsync();
        await using var __ = bed;
        bed.Vendor.Down = true;
        var id = (await bed.Host.CreateUserAsync("ann"))["id"]!.GetValue<Guid>();

        var options = await bed.Host.Client.GetAsync("/api/connectors/sample/options/profile");
        var put = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "123", profile = "agent" });
        var withoutProfile = await bed.Host.Client.PutAsJsonAsync($"/api/users/{id}/connectors/sample", new { badge = "123" });

        options.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        options.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await options.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldContain("field 'profile' could not be loaded from connector 'sample'");
        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await put.ReadObjectAsync();
        problem["errorCodes"]!["profile"]![0]!.GetValue<string>().ShouldBe("options_unavailable");
        problem["errors"]!["profile"]![0]!.GetValue<string>().ShouldContain("could not be loaded from the connector");
        withoutProfile.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task VendorDown_RefreshFailed_NotAskedAgainOnEverySave()
    {
        var (bed, clock) = await StartAsync();
        await using var _ = bed;
        await bed.Host.Client.GetAsync("/api/connectors/sample/options/profile");
        clock.Advance(TimeSpan.FromMinutes(2));
        bed.Vendor.Down = true;
        var readsBefore = bed.Vendor.ProfileReads;

        for (var i = 0; i < 3; i++)
        {
            (await bed.Host.Client.GetAsync("/api/connectors/sample/options/profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (bed.Vendor.ProfileReads - readsBefore).ShouldBe(1);
    }

    [Theory]
    [InlineData("/api/connectors/sample/options/badge")]
    [InlineData("/api/connectors/sample/options/nothing")]
    [InlineData("/api/connectors/nowhere/options/profile")]
    public async Task GetOptions_UnknownConnectorOrFieldWithoutOptions_404Problem(string path)
    {
        var (bed, _) = await StartAsync();
        await using var __ = bed;

        var response = await bed.Host.Client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
