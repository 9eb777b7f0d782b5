namespace ConnectorHost.Ui.Tests;

/// <summary>A real connector's tab: VisibleWhen and RequiredWhen follow the form as the admin changes it, labels in the admin's language.</summary>
public sealed class RealConnectorPagesTests(RealConnectorsHost ui) : IClassFixture<RealConnectorsHost>
{
    [Fact]
    public async Task CommPeakTab_SipOptionChanged_ConditionalFieldsShownAndRequiredLive()
    {
        var user = await ui.Host.CreateUserAsync("sip.agent", "Sip", "Agent");
        var page = await ui.SignedInAsync(UiHost.Operator);
        await page.GotoAsync($"/users/{user["id"]}?tab=commpeak-dialer");
        var customUri = page.Locator(".field:has(#f-s-customSipUri)");
        var pbxUser = page.Locator(".field:has(#f-s-pbxUsername)");
        var hiddenAtFirst = !await customUri.IsVisibleAsync();

        await page.SelectOptionAsync("#f-s-sipOption", "custom");
        var customShown = await customUri.IsVisibleAsync();
        var requiredShown = await customUri.Locator(".req").IsVisibleAsync();
        await page.SelectOptionAsync("#f-s-sipOption", "pbx");

        hiddenAtFirst.ShouldBeTrue();
        customShown.ShouldBeTrue("VisibleWhen sipOption = custom");
        requiredShown.ShouldBeTrue("RequiredWhen sipOption = custom");
        (await customUri.IsVisibleAsync()).ShouldBeFalse();
        (await pbxUser.IsVisibleAsync()).ShouldBeTrue("VisibleWhen sipOption = pbx");
        await ui.ScreenshotAsync(page, "user-connector-commpeak-1280");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConnectorsPage_RepositoryPlugins_AllFourLoaded()
    {
        var page = await ui.SignedInAsync(UiHost.ReadOnly, locale: "de-DE");
        await page.GotoAsync("/connectors");

        var states = await page.Locator("tbody tr .badge").AllInnerTextsAsync();
        states.ShouldBe(["Geladen", "Geladen", "Geladen", "Geladen"]);
        await ui.ScreenshotAsync(page, "connectors-de-1280");
        await page.Context.CloseAsync();
    }
}
