using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Ui.Tests;

/// <summary>Groups (tree) and roles with their connector settings, in a real browser.</summary>
[Collection(UiCollection.Name)]
public sealed class GroupAndRolePagesTests(UiHost ui)
{
    [Fact]
    public async Task CreateGroupUnderParent_ThenConnectorSettings_RequiredFieldErrorThenSaved()
    {
        var page = await ui.SignedInAsync(UiHost.Operator);
        await page.GotoAsync("/groups");
        await page.FillAsync("#g-name", "Sales");
        await page.FillAsync("#g-key", "sales-ui");
        await page.ClickAsync("form button.primary");
        await page.GotoAsync("/groups");
        await page.FillAsync("#g-name", "Inside sales");
        await page.FillAsync("#g-key", "inside-sales-ui");
        await page.SelectOptionAsync("#g-parent", new Microsoft.Playwright.SelectOptionValue { Label = "Sales" });
        await page.ClickAsync("form button.primary");
        var groupId = page.Url.Split('/').Last().Split('?')[0];
        await page.ClickAsync("nav.tabs >> text=Sample connector");
        await page.ClickAsync("form[data-schema] button.primary");
        var missing = await page.Locator(".field.invalid label").InnerTextAsync();
        await page.FillAsync("#f-s-costCenter", "CC-7");
        await page.ClickAsync("form[data-schema] button.primary");

        missing.ShouldStartWith("Cost center");
        (await page.Locator(".flash").InnerTextAsync()).ShouldBe("Saved.");
        var settings = await ui.Host.Client.GetFromJsonAsync<JsonObject>($"/api/groups/{groupId}/connectors/sample");
        settings!["settings"]!["costCenter"]!.GetValue<string>().ShouldBe("CC-7");
        await page.GotoAsync("/groups");
        (await page.Locator("tbody tr:has-text('Inside sales') span").GetAttributeAsync("class")).ShouldBe("indent-1", "the child is shown under its parent");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CreateRole_WithVendorTier_TierStoredForTheRole()
    {
        var page = await ui.SignedInAsync(UiHost.Operator);
        await page.GotoAsync("/roles");
        await page.FillAsync("#r-name", "Team lead");
        await page.FillAsync("#r-key", "team-lead-ui");
        await page.ClickAsync("form button.primary");
        var roleId = page.Url.Split('/').Last().Split('?')[0];
        await page.ClickAsync("nav.tabs >> text=Sample connector");
        await page.SelectOptionAsync("#f-s-tier", "gold");
        await page.ClickAsync("form[data-schema] button.primary");

        (await page.Locator(".flash").InnerTextAsync()).ShouldBe("Saved.");
        var settings = await ui.Host.Client.GetFromJsonAsync<JsonObject>($"/api/roles/{roleId}/connectors/sample");
        settings!["settings"]!["tier"]!.GetValue<string>().ShouldBe("gold");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DeleteRole_ChangedElsewhereSinceThePageLoaded_RefusalShownOnThePageAndRoleKept()
    {
        var created = await (await ui.Host.Client.PostAsJsonAsync("/api/roles", new { name = "Auditors", key = "auditors-ui" })).Content.ReadFromJsonAsync<JsonObject>();
        var roleId = created!["id"]!.GetValue<string>();
        var page = await ui.SignedInAsync(UiHost.Operator);
        await page.GotoAsync($"/roles/{roleId}");
        // Another admin renames the role while this page is open: the page's version is stale.
        var current = await ui.Host.Client.GetFromJsonAsync<JsonObject>($"/api/roles/{roleId}");
        current!["name"] = "Auditors (renamed)";
        (await ui.Host.Client.PutAsJsonAsync($"/api/roles/{roleId}", current)).EnsureSuccessStatusCode();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.ClickAsync("form[action*='handler=Delete'] button.danger");

        page.Url.ShouldEndWith($"/roles/{roleId}", customMessage: "the admin stays on the role's page, not on a problem document");
        (await page.Locator("[role=alert]").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        (await ui.Host.Client.GetAsync($"/api/roles/{roleId}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EditGroup_ParentPicker_OffersNeitherTheGroupNorItsDescendants()
    {
        async Task<string> CreateAsync(string name, string key, string? parentId) =>
            (await (await ui.Host.Client.PostAsJsonAsync("/api/groups", new { name, key, parentId })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var top = await CreateAsync("Picker top", "picker-top-ui", null);
        var child = await CreateAsync("Picker child", "picker-child-ui", top);
        await CreateAsync("Picker grandchild", "picker-grandchild-ui", child);
        await CreateAsync("Picker other", "picker-other-ui", null);
        var page = await ui.SignedInAsync(UiHost.Operator);

        await page.GotoAsync($"/groups/{child}");
        var offered = (await page.Locator("#g-parent option").AllInnerTextsAsync()).Select(o => o.Trim()).ToList();

        offered.ShouldContain("Picker top");
        offered.ShouldContain("Picker other");
        offered.ShouldNotContain("Picker child", "a group cannot be its own parent");
        offered.ShouldNotContain("Picker grandchild", "a group cannot be placed under its descendant");
        await page.Context.CloseAsync();
    }
}
