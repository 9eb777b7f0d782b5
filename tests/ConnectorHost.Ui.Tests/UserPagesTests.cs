using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ConnectorHost.Ui.Tests;

/// <summary>The users pages in a real browser: list, search, create with connector settings, errors at the field, edit, delete, read-only.</summary>
[Collection(UiCollection.Name)]
public sealed class UserPagesTests(UiHost ui)
{
    [Fact]
    public async Task CreateUser_WithSampleConnectorSettings_SavedAndPreviewShowsBadge()
    {
        var page = await ui.SignedInAsync(UiHost.Operator);
        await page.GotoAsync("/users/new");
        await page.FillAsync("#username", "ada.ui");
        await page.FillAsync("#firstName", "Ada");
        await page.FillAsync("#lastName", "Lovelace");
        await page.FillAsync("#email", "ada.ui@example.com");
        await page.FillAsync("#extension", "4711");
        await page.ClickAsync("button.primary");
        await page.ClickAsync("nav.tabs >> text=Sample connector");
        await page.FillAsync("#f-s-badge", "1815");
        await page.SelectOptionAsync("#f-s-team", "blue");
        await page.ClickAsync("form[data-schema] button.primary");

        (await page.Locator(".flash").InnerTextAsync()).ShouldBe("Saved.");
        var preview = JsonNode.Parse(await page.Locator("#preview").InnerTextAsync())!;
        preview["badge"]!.GetValue<string>().ShouldBe("1815");
        preview["login"]!.GetValue<string>().ShouldBe("ada.ui");
        var id = page.Url.Split('/').Last().Split('?')[0];
        var stored = await ui.Host.Client.GetFromJsonAsync<JsonObject>($"/api/users/{id}/connectors/sample");
        stored!["settings"]!["badge"]!.GetValue<string>().ShouldBe("1815");
        stored["settings"]!["team"]!.GetValue<string>().ShouldBe("blue");
        stored["settings"]!["level"]!.GetValue<int>().ShouldBe(3, "the schema's default was offered and kept");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConnectorTab_BadgeUsedByAnotherUser_ConnectorsErrorShownAtTheField()
    {
        var first = await ui.Host.CreateUserAsync("badge.owner");
        (await ui.Host.Client.PutAsJsonAsync($"/api/users/{first["id"]}/connectors/sample", new { badge = "9090" })).EnsureSuccessStatusCode();
        var second = await ui.Host.CreateUserAsync("badge.wanter");
        var page = await ui.SignedInAsync(UiHost.Operator);
        await page.GotoAsync($"/users/{second["id"]}?tab=sample");
        await page.FillAsync("#f-s-badge", "9090");
        await page.ClickAsync("form[data-schema] button.primary");

        var field = page.Locator(".field.invalid");
        (await field.Locator("label").InnerTextAsync()).ShouldStartWith("Badge number");
        (await field.Locator(".field-error").InnerTextAsync()).ShouldBe("Badge number 9090 is already used by badge.owner.");
        (await page.InputValueAsync("#f-s-badge")).ShouldBe("9090", "what the admin typed stays in the form");
        (await ui.Host.Client.GetFromJsonAsync<JsonObject>($"/api/users/{second["id"]}/connectors/sample"))!["version"]!.GetValue<int>().ShouldBe(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConnectorTab_BadgeNotDigits_SchemaMessageAtTheFieldInGerman()
    {
        var user = await ui.Host.CreateUserAsync("schema.error");
        var page = await ui.SignedInAsync(UiHost.Operator, locale: "de-DE");
        await page.GotoAsync($"/users/{user["id"]}?tab=sample");
        await page.FillAsync("#f-s-badge", "12ab");
        await page.ClickAsync("form[data-schema] button.primary");

        var field = page.Locator(".field.invalid");
        (await field.Locator("label").InnerTextAsync()).ShouldStartWith("Ausweisnummer", customMessage: "the schema's German label");
        (await field.Locator(".field-error").InnerTextAsync()).ShouldContain("Badge number must be 3 to 6 digits.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EditUser_NewLastName_ListShowsItAndSearchByExtensionFindsIt()
    {
        var response = await ui.Host.Client.PostAsJsonAsync("/api/users", new { username = "grace.edit", firstName = "Grace", lastName = "Murray", extension = "7311" });
        var user = await response.Content.ReadFromJsonAsync<JsonObject>();
        var page = await ui.SignedInAsync(UiHost.Operator);
        await page.GotoAsync($"/users/{user!["id"]}");
        await page.FillAsync("#lastName", "Hopper");
        await page.FillAsync("#displayName", "Grace Hopper");
        await page.ClickAsync("form button.primary");
        (await page.Locator(".flash").InnerTextAsync()).ShouldBe("Saved.");

        await page.GotoAsync("/users");
        await page.FillAsync("input[name=q]", "7311");
        await page.ClickAsync("form.search button");

        var rows = page.Locator("tbody tr");
        (await rows.CountAsync()).ShouldBe(1);
        (await rows.First.InnerTextAsync()).ShouldContain("Grace Hopper");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UsersList_SortByUsernameDescending_ReversesOrder()
    {
        await ui.Host.CreateUserAsync("sort.aaa");
        await ui.Host.CreateUserAsync("sort.zzz");
        var page = await ui.SignedInAsync();
        await page.GotoAsync("/users?q=sort.");
        await page.ClickAsync("th >> text=Username");
        var ascending = await page.Locator("tbody tr td:first-child").AllInnerTextsAsync();
        await page.ClickAsync("th >> text=Username");
        var descending = await page.Locator("tbody tr td:first-child").AllInnerTextsAsync();

        ascending.ShouldBe(["sort.aaa", "sort.zzz"]);
        descending.ShouldBe(["sort.zzz", "sort.aaa"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DeleteUser_Confirmed_GoneFromListAndApi()
    {
        var user = await ui.Host.CreateUserAsync("delete.me");
        var page = await ui.SignedInAsync(UiHost.Operator);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync($"/users/{user["id"]}");
        await page.ClickAsync("button.danger");

        await page.WaitForURLAsync(url => url.EndsWith("/users", StringComparison.Ordinal));
        (await page.Locator(".flash").InnerTextAsync()).ShouldBe("Deleted delete.me.");
        (await ui.Host.Client.GetAsync($"/api/users/{user["id"]}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReadOnlyAdmin_EditPage_SeesFormButCannotSave()
    {
        var user = await ui.Host.CreateUserAsync("read.only.target", lastName: "Before");
        var page = await ui.SignedInAsync(UiHost.ReadOnly);
        await page.GotoAsync($"/users/{user["id"]}");

        (await page.Locator("#lastName").InputValueAsync()).ShouldBe("Before");
        (await page.Locator("form button.primary").IsDisabledAsync()).ShouldBeTrue();
        (await page.Locator("button.danger").CountAsync()).ShouldBe(0);
        (await page.Locator(".notice").InnerTextAsync()).ShouldContain("read-only");
        // The server refuses too: the same form posted with its token.
        await page.Locator("form button.primary").EvaluateAsync("b => b.disabled = false");
        await page.FillAsync("#lastName", "After");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form button.primary"), r => r.Request.Method == "POST");
        response.Status.ShouldBe(403);
        (await ui.Host.Client.GetFromJsonAsync<JsonObject>($"/api/users/{user["id"]}"))!["lastName"]!.GetValue<string>().ShouldBe("Before");
        await page.Context.CloseAsync();
    }
}
