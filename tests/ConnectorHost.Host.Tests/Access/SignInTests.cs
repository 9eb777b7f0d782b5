using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ConnectorHost.Testing;

namespace ConnectorHost.Host.Tests.Access;

/// <summary>Admin accounts signing in with the pages: cookie flags, lockout, session expiry, sign-out, CSRF, the setup link.</summary>
public sealed class SignInTests
{
    [Fact]
    public async Task SignIn_RightPassword_SessionCookieIsHttpOnlyStrictAndActsAsTheAccount()
    {
        await using var host = await AccessTestData.StartWithAdminAsync();
        using var browser = new BrowserSession(host.Client.BaseAddress!);

        var signIn = await browser.SignInAsync("admin", AccessTestData.AdminPassword);
        var me = await (await browser.Client.GetAsync("/api/me")).ReadObjectAsync();

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = browser.SignInCookies.Single(c => c.StartsWith("connectorhost.session=", StringComparison.Ordinal)).ToLowerInvariant();
        session.ShouldContain("httponly");
        session.ShouldContain("samesite=strict");
        session.ShouldNotContain("expires=", customMessage: "a browser-session cookie; the server ends the session");
        me["name"]!.GetValue<string>().ShouldBe("admin");
        me["role"]!.GetValue<string>().ShouldBe("administrator");
        me["antiforgeryToken"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task SignIn_RepeatedWrongPasswords_LockedWithGrowingWaitsEvenForTheRightPassword()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var host = await AccessTestData.StartWithAdminAsync(time);
        using var browser = new BrowserSession(host.Client.BaseAddress!);
        var start = time.GetUtcNow().UtcDateTime;

        for (var i = 0; i < 5; i++)
        {
            (await browser.SignInAsync("admin", "wrong password " + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        var firstLock = await LockedUntilAsync(host);
        var rightButLocked = await browser.SignInAsync("admin", AccessTestData.AdminPassword);
        time.Advance(TimeSpan.FromSeconds(31));
        await browser.SignInAsync("admin", "wrong again");
        var secondLock = await LockedUntilAsync(host);
        time.Advance(TimeSpan.FromMinutes(2));
        var afterWait = await browser.SignInAsync("admin", AccessTestData.AdminPassword);

        firstLock.ShouldBe(start.AddSeconds(30), "five wrong passwords lock for 30 s");
        secondLock.ShouldBe(start.AddSeconds(31 + 60), "the next wrong password locks for twice as long");
        rightButLocked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await rightButLocked.Content.ReadAsStringAsync()).ShouldContain("Too many failed attempts");
        afterWait.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Session_IdleAndAbsoluteLimits_EndTheSession()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        await using var host = await AccessTestData.StartWithAdminAsync(time);
        using var idle = new BrowserSession(host.Client.BaseAddress!);
        using var busy = new BrowserSession(host.Client.BaseAddress!);
        await idle.SignInAsync("admin", AccessTestData.AdminPassword);
        await busy.SignInAsync("admin", AccessTestData.AdminPassword);

        var busyAnswers = new List<HttpStatusCode>();
        for (var minutes = 0; minutes < 8 * 60 - 20; minutes += 20)
        {
            time.Advance(TimeSpan.FromMinutes(20));
            busyAnswers.Add((await busy.Client.GetAsync("/api/me")).StatusCode);
        }
        var idleAfter7h40 = await idle.Client.GetAsync("/api/me");
        time.Advance(TimeSpan.FromMinutes(21));
        var busyAfter8h01 = await busy.Client.GetAsync("/api/me");

        busyAnswers.ShouldAllBe(s => s == HttpStatusCode.OK, "activity every 20 minutes keeps the session alive");
        idleAfter7h40.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "30 minutes idle ends a session");
        busyAfter8h01.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "8 hours after sign-in ends any session");
    }

    [Fact]
    public async Task CrossSiteFormPost_SignedInCookieWithoutToken_RefusedAndUserStillEnabled()
    {
        await using var host = await AccessTestData.StartWithAdminAsync();
        var id = (await host.CreateUserAsync("victim"))["id"]!.GetValue<Guid>();
        using var browser = new BrowserSession(host.Client.BaseAddress!);
        await browser.SignInAsync("admin", AccessTestData.AdminPassword);

        // What a form on another site submits: the browser adds the cookie, the attacker cannot add the token.
        var forged = await browser.Client.PostAsync($"/api/users/{id}/disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
        var stillEnabled = (await host.Client.GetFromJsonAsync<JsonObject>($"/api/users/{id}"))!["enabled"]!.GetValue<bool>();
        using var withToken = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{id}/disable") { Headers = { { "X-CSRF-TOKEN", await browser.AntiforgeryTokenAsync() } } };
        var genuine = await browser.Client.SendAsync(withToken);

        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        stillEnabled.ShouldBeTrue();
        genuine.StatusCode.ShouldBe(HttpStatusCode.OK, await genuine.Content.ReadAsStringAsync());
        (await host.Client.GetFromJsonAsync<JsonObject>($"/api/audit?entityType=User&entityId={id}"))!["items"]![0]!["actor"]!.GetValue<string>().ShouldBe("admin");
    }

    [Fact]
    public async Task SignOut_FormPost_SessionEnds()
    {
        await using var host = await AccessTestData.StartWithAdminAsync();
        using var browser = new BrowserSession(host.Client.BaseAddress!);
        await browser.SignInAsync("admin", AccessTestData.AdminPassword);

        var signOut = await browser.SubmitAsync("/signout", new Dictionary<string, string>());

        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.Client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PasswordChange_OtherSession_Ended()
    {
        await using var host = await AccessTestData.StartWithAdminAsync();
        using var browser = new BrowserSession(host.Client.BaseAddress!);
        await browser.SignInAsync("admin", AccessTestData.AdminPassword);
        var accountId = (await host.Client.GetFromJsonAsync<JsonArray>("/api/admin/accounts"))!.Single()!["id"]!.GetValue<Guid>();

        (await host.Client.PatchAsJsonAsync($"/api/admin/accounts/{accountId}", new { password = "a brand new passphrase" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await browser.Client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SetupLink_FirstStartWithoutAdmin_LoggedOnceCreatesAdministratorAndDiesAfterUse()
    {
        var logs = new CapturedLogs(LogLevel.Information);
        await using var host = await TestHost.StartAsync(runSyncWorker: false, logging: l => l.AddProvider(logs));
        var line = logs.Entries.Single(e => e.Message.Contains("/setup?token=", StringComparison.Ordinal)).Message;
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(line, @"http://\S+/setup\?token=[A-Za-z0-9_-]+").Value);
        using var browser = new BrowserSession(host.Client.BaseAddress!);
        var form = new Dictionary<string, string> { ["username"] = "ops.lead", ["password"] = "first admin passphrase", ["repeat"] = "first admin passphrase" };

        var created = await browser.SubmitAsync(link.PathAndQuery, form);
        var me = await (await browser.Client.GetAsync("/api/me")).ReadObjectAsync();
        var reused = await browser.Client.GetAsync(link.PathAndQuery);
        var guessed = await new BrowserSession(host.Client.BaseAddress!).Client.GetAsync("/setup?token=guess");

        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        me["name"]!.GetValue<string>().ShouldBe("ops.lead");
        me["role"]!.GetValue<string>().ShouldBe("administrator");
        reused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        guessed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SignInPage_German_ShownInGermanWithoutInlineScript()
    {
        await using var host = await AccessTestData.StartWithAdminAsync();
        using var browser = new BrowserSession(host.Client.BaseAddress!);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin") { Headers = { { "Accept-Language", "de-DE,de;q=0.9" } } };

        var response = await browser.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        html.ShouldContain("Benutzername");
        html.ShouldContain("<html lang=\"de\">");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("style=");
    }

    private static async Task<DateTime> LockedUntilAsync(TestHost host) =>
        (await host.Client.GetFromJsonAsync<JsonArray>("/api/admin/accounts"))!.Single()!["lockedUntil"]!.GetValue<DateTime>().ToUniversalTime();
}
