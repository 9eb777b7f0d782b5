using System.Net;
using System.Net.Http.Json;

namespace ConnectorHost.Ui.Tests;

/// <summary>Admin accounts and API keys, the audit log and the own password, in a real browser.</summary>
[Collection(UiCollection.Name)]
public sealed class AdminPagesTests(UiHost ui)
{
    [Fact]
    public async Task CreateApiKey_ShownOnceWorksThenRevokedIsRefused()
    {
        var page = await ui.SignedInAsync(UiHost.Administrator);
        await page.GotoAsync("/admin");
        await page.FillAsync("#key-name", "ui-made-key");
        await page.SelectOptionAsync("#key-role", "ReadOnly");
        await page.ClickAsync("form:has(#key-name) button.primary");
        var key = await page.InputValueAsync("#new-key");
        using var client = ui.Host.ClientWithKey(key);
        var withKey = await client.GetAsync("/api/users");
        await page.GotoAsync("/admin");
        var shownAgain = await page.Locator("#new-key").CountAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ClickAsync("tr[data-key=ui-made-key] button.danger");
        var afterRevoke = await client.GetAsync("/api/users");

        key.ShouldStartWith("chk_");
        withKey.StatusCode.ShouldBe(HttpStatusCode.OK);
        shownAgain.ShouldBe(0, "the key is shown once");
        (await page.Locator("tr[data-key=ui-made-key]").InnerTextAsync()).ShouldNotContain(key[10..]);
        afterRevoke.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AdminPage_Operator_RefusedAndNotInNavigation()
    {
        var page = await ui.SignedInAsync(UiHost.Operator);
        var response = await page.GotoAsync("/admin");

        response!.Status.ShouldBe(403);
        await page.GotoAsync("/users");
        (await page.Locator("nav.main").InnerTextAsync()).ShouldNotContain("Admin accounts");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AuditLog_UserCreatedInTheUi_ListedWithTheAccountAsActor()
    {
        var page = await ui.SignedInAsync(UiHost.Operator);
        await page.GotoAsync("/users/new");
        await page.FillAsync("#username", "audited.ui");
        await page.FillAsync("#firstName", "Audit");
        await page.FillAsync("#lastName", "Trail");
        await page.ClickAsync("button.primary");
        var id = page.Url.Split('/').Last().Split('?')[0];
        await page.GotoAsync($"/audit?type=User&entity={id}");

        var rows = await page.Locator("tbody tr").AllInnerTextsAsync();
        rows.Count.ShouldBe(1);
        rows[0].ShouldContain(UiHost.Operator);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ChangeOwnPassword_ReadOnlyAccount_NewPasswordSignsIn()
    {
        var created = await ui.Host.Client.PostAsJsonAsync("/api/admin/accounts", new { username = "changes-password", password = UiHost.Password, role = "readOnly" });
        created.EnsureSuccessStatusCode();
        var page = await ui.SignedInAsync("changes-password");
        await page.GotoAsync("/account/password");
        await page.FillAsync("#current", UiHost.Password);
        await page.FillAsync("#new", "a brand new passphrase");
        await page.FillAsync("#repeat", "a brand new passphrase");
        await page.ClickAsync("button.primary");
        var flash = await page.Locator(".flash").InnerTextAsync();
        var fresh = await ui.NewPageAsync();
        await fresh.GotoAsync("/signin");
        await fresh.FillAsync("#username", "changes-password");
        await fresh.FillAsync("#password", "a brand new passphrase");
        await fresh.ClickAsync("button[type=submit]");

        flash.ShouldBe("Password changed.");
        fresh.Url.ShouldEndWith("/users");
        await page.Context.CloseAsync();
        await fresh.Context.CloseAsync();
    }

    [Fact]
    public async Task ChangeOwnPassword_WrongCurrentPasswordUntilLockedInGerman_LockoutShownInGerman()
    {
        var created = await ui.Host.Client.PostAsJsonAsync("/api/admin/accounts", new { username = "locks-itself", password = UiHost.Password, role = "readOnly" });
        created.EnsureSuccessStatusCode();
        var page = await ui.SignedInAsync("locks-itself", locale: "de-DE");
        await page.GotoAsync("/account/password");
        var refusals = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            await page.FillAsync("#current", "not the password " + i);
            await page.ClickAsync("button.primary");
            refusals.Add(await page.Locator(".field-error[role=alert]").InnerTextAsync());
        }

        refusals[0].ShouldBe("Das aktuelle Passwort ist falsch.");
        refusals[^1].ShouldStartWith("Zu viele Fehlversuche. Versuchen Sie es nach");
        await page.Context.CloseAsync();
    }
}
