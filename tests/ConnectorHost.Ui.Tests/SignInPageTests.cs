using System.Net.Http.Json;
using Microsoft.Playwright;

namespace ConnectorHost.Ui.Tests;

/// <summary>Signing in and out of the admin UI in a real browser: passwords, lockout, session end, CSRF.</summary>
[Collection(UiCollection.Name)]
public sealed class SignInPageTests(UiHost ui)
{
    [Fact]
    public async Task SignIn_RightPassword_LandsOnUsersListWithNavigation()
    {
        var page = await ui.SignedInAsync();

        page.Url.ShouldEndWith("/users");
        (await page.Locator("nav.main").InnerTextAsync()).ShouldContain("Connectors");
        (await page.Locator(".who .account").InnerTextAsync()).ShouldBe(UiHost.Administrator);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnSignInWithError()
    {
        var page = await ui.NewPageAsync();
        await page.GotoAsync("/users");
        page.Url.ShouldContain("/signin", customMessage: "an anonymous visitor is sent to sign in");
        await page.FillAsync("#username", UiHost.Administrator);
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("button[type=submit]");

        (await page.Locator("[role=alert]").InnerTextAsync()).ShouldBe("Wrong username or password.");
        page.Url.ShouldContain("/signin");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_SixthWrongPassword_LockedOutEvenWithTheRightPassword()
    {
        (await ui.Host.Client.PostAsJsonAsync("/api/admin/accounts", new { username = "locked-out", password = UiHost.Password, role = "operator" })).EnsureSuccessStatusCode();
        var page = await ui.NewPageAsync();
        await page.GotoAsync("/signin");
        for (var i = 0; i < 6; i++)
        {
            await page.FillAsync("#username", "locked-out");
            await page.FillAsync("#password", "wrong " + i);
            await page.ClickAsync("button[type=submit]");
        }
        await page.FillAsync("#username", "locked-out");
        await page.FillAsync("#password", UiHost.Password);
        await page.ClickAsync("button[type=submit]");

        (await page.Locator("[role=alert]").InnerTextAsync()).ShouldStartWith("Too many failed attempts. Try again after");
        page.Url.ShouldContain("/signin");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Session_IdleLongerThanTimeout_NextPageReturnsToSignIn()
    {
        var page = await ui.SignedInAsync();

        ui.Time.Advance(TimeSpan.FromMinutes(31));
        await page.GotoAsync("/connectors");

        page.Url.ShouldContain("/signin?returnUrl=%2Fconnectors");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_RefusedAndNothingCreated()
    {
        var page = await ui.SignedInAsync();

        // A cross-site form would carry the cookie but not the page's token.
        var response = await page.Context.APIRequest.PostAsync("/users/new", new APIRequestContextOptions
        {
            Form = FormOf(page.Context.APIRequest, new() { ["Form.Username"] = "csrf-victim", ["Form.FirstName"] = "C", ["Form.LastName"] = "Srf" }),
        });

        response.Status.ShouldBe(403);
        (await ui.Host.CountAsync("/api/users?search=csrf-victim")).ShouldBe(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_GermanBrowser_PagesInGerman()
    {
        var page = await ui.SignedInAsync(locale: "de-DE");

        (await page.Locator("nav.main").InnerTextAsync()).ShouldContain("Konnektoren");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Benutzer");
        await page.Context.CloseAsync();
    }

    private static IFormData FormOf(IAPIRequestContext request, Dictionary<string, string> fields)
    {
        var form = request.CreateFormData();
        foreach (var (key, value) in fields)
        {
            form.Set(key, value);
        }
        return form;
    }
}
