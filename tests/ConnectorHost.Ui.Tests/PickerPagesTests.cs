using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Ui.Tests;

/// <summary>The group and role pickers offer every group and role, however small the API's largest page is configured.</summary>
public sealed class PickerPagesTests(SmallPageHost ui) : IClassFixture<SmallPageHost>
{
    [Fact]
    public async Task NewUserAndGroupPages_MoreGroupsAndRolesThanOnePage_AllOffered()
    {
        string[] names = ["Picker one", "Picker two", "Picker three"];
        for (var i = 0; i < names.Length; i++)
        {
            (await ui.Host.Client.PostAsJsonAsync("/api/groups", new { name = names[i], key = $"picker-group-{i}" })).EnsureSuccessStatusCode();
            (await ui.Host.Client.PostAsJsonAsync("/api/roles", new { name = names[i], key = $"picker-role-{i}" })).EnsureSuccessStatusCode();
        }
        var page = await ui.SignedInAsync(UiHost.Operator);

        var shown = await page.GotoAsync("/users/new");
        var groups = await page.Locator("input[name='Form.GroupIds']").CountAsync();
        var roles = await page.Locator("input[name='Form.RoleIds']").CountAsync();
        await page.GotoAsync("/groups");
        var tree = await page.Locator("tbody tr").AllInnerTextsAsync();

        shown!.Status.ShouldBe(200);
        groups.ShouldBe(3);
        roles.ShouldBe(3);
        foreach (var name in names)
        {
            tree.ShouldContain(row => row.Contains(name), $"the group tree lists {name}");
        }
        await page.Context.CloseAsync();
    }
}
