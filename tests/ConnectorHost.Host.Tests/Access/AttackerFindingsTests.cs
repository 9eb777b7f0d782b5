using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Host.Tests.VendorSync;

namespace ConnectorHost.Host.Tests.Access;

/// <summary>The findings of trying the host as an attacker would (issue #22), one test each.</summary>
public sealed class AttackerFindingsTests
{
    [Fact]
    public async Task ForeignHostHeader_DnsRebinding_Refused()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/users") { Headers = { Host = "attacker.example" } };
        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/users") { Headers = { Host = "localhost" } };

        var refused = await host.Client.SendAsync(rebound);
        var allowed = await host.Client.SendAsync(local);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ForeignHostHeader_ConfiguredAllowedHost_Served()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false, configuration: new Dictionary<string, string?> { ["AllowedHosts"] = "connectorhost.example.com" });
        using var configured = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "connectorhost.example.com" } };
        using var loopback = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "localhost" } };

        (await host.Client.SendAsync(configured)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.SendAsync(loopback)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "once configured, only the configured names");
    }

    [Fact]
    public async Task OpenApiAndExplorer_Production_BehindSignIn()
    {
        // The test host runs as Production (no ASPNETCORE_ENVIRONMENT), like an installation.
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        using var anonymous = host.AnonymousClient();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/scalar/v1") { Headers = { { "Accept", "text/html" } } };

        var document = await anonymous.GetAsync("/openapi/v1.json");
        var explorer = await anonymous.SendAsync(page);
        var withKey = await host.Client.GetAsync("/scalar/v1");

        document.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        explorer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        explorer.Headers.Location!.OriginalString.ShouldContain("/signin?returnUrl=%2Fscalar%2Fv1");
        withKey.StatusCode.ShouldBe(HttpStatusCode.OK);
        withKey.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("'sha256-", customMessage: "the explorer's inline script is allowed by hash, not by 'unsafe-inline'");
    }

    [Fact]
    public async Task Audit_Anonymous_Unauthorized()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        await host.CreateUserAsync("someone");
        using var anonymous = host.AnonymousClient();

        var response = await anonymous.GetAsync("/api/audit");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("someone");
    }

    [Fact]
    public async Task AnyAnswer_Headers_NoInlineScriptNoFramingNoSniffNoReferrer()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        using var anonymous = host.AnonymousClient();

        foreach (var response in new[] { await anonymous.GetAsync("/signin"), await host.Client.GetAsync("/api/users"), await anonymous.GetAsync("/api/users") })
        {
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("frame-ancestors 'none'");
            csp.ShouldContain("script-src 'self'");
            csp.ShouldNotContain("unsafe-inline");
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        }
    }

    [Fact]
    public async Task ProvisioningToken_IssuingAnonymousRefused_RedeemingAnonymousOnce()
    {
        await using var bed = await HostedPbxSyncBed.StartAsync();
        var ann = await bed.CreatePbxUserAsync("ann.lee", "Ann", "Lee", new JsonObject { ["extension"] = "21" });
        using var anonymous = bed.Host.Host.AnonymousClient();

        var anonymousIssue = await anonymous.PostAsJsonAsync($"/api/connectors/hosted-pbx/actions/desktop-config?userId={ann}", new { });
        var anonymousQr = await anonymous.PostAsJsonAsync($"/api/connectors/hosted-pbx/actions/qr-code?userId={ann}", new { });
        var issued = await bed.Host.Client.PostAsJsonAsync($"/api/connectors/hosted-pbx/actions/desktop-config?userId={ann}", new { });
        var token = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        var redeemed = await anonymous.PostAsJsonAsync("/api/connectors/hosted-pbx/actions/provisioning-redeem", new { token });
        var again = await anonymous.PostAsJsonAsync("/api/connectors/hosted-pbx/actions/provisioning-redeem", new { token });

        anonymousIssue.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymousQr.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        redeemed.StatusCode.ShouldBe(HttpStatusCode.OK, await redeemed.Content.ReadAsStringAsync());
        (await redeemed.ReadObjectAsync())["extension"]!.GetValue<string>().ShouldBe("21");
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
