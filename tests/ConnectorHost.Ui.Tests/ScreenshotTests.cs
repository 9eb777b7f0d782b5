using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Ui.Tests;

/// <summary>
/// The main pages at desktop (1280 px) and phone (400 px) width, written to artifacts/screenshots/ for a human to look
/// at; the test itself checks what a narrow screen must still offer: no sideways scrolling of the page, the navigation.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ScreenshotTests(UiHost ui)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(400)]
    public async Task MainPages_DesktopAndPhoneWidth_FitTheScreenAndScreenshotsWritten(int width)
    {
        var user = await ui.Host.CreateUserAsync($"screen.{width}", "Linus", "Screenshot", $"linus.{width}@example.com");
        (await ui.Host.Client.PutAsJsonAsync($"/api/users/{user["id"]}/connectors/sample", new { badge = $"{width}1", team = "red", pin = "123456" })).EnsureSuccessStatusCode();
        var page = await ui.SignedInAsync(UiHost.Administrator, width);
        var pages = new (string Name, string Path)[]
        {
            ("users", "/users"),
            ("user-profile", $"/users/{user["id"]}"),
            ("user-connector", $"/users/{user["id"]}?tab=sample"),
            ("user-new", "/users/new"),
            ("groups", "/groups"),
            ("roles", "/roles"),
            ("connectors", "/connectors"),
            ("connector-sample", "/connectors/sample"),
            ("sync", "/sync?plan=sample"),
            ("import", "/imports"),
            ("audit", "/audit"),
            ("admin", "/admin"),
            ("password", "/account/password"),
        };

        var tooWide = new List<string>();
        foreach (var (name, path) in pages)
        {
            var response = await page.GotoAsync(path);
            response!.Status.ShouldBe(200, $"{path} answers");
            await ui.ScreenshotAsync(page, $"{name}-{width}");
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (scrollWidth > width + 1)
            {
                tooWide.Add($"{path}: {scrollWidth}px");
            }
        }
        var signIn = await ui.NewPageAsync(width);
        await signIn.GotoAsync("/signin");
        await ui.ScreenshotAsync(signIn, $"signin-{width}");

        tooWide.ShouldBeEmpty("the page itself never scrolls sideways (wide tables scroll in their own box)");
        (await page.Locator("nav.main a").CountAsync()).ShouldBeGreaterThanOrEqualTo(7);
        await page.Context.CloseAsync();
        await signIn.Context.CloseAsync();
    }
}
