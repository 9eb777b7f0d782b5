using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Ui.Tests;

/// <summary>The connectors pages in a real browser: status with fault reasons, and running a declared action through its input form.</summary>
[Collection(UiCollection.Name)]
public sealed class ConnectorPagesTests(UiHost ui)
{
    [Fact]
    public async Task ConnectorsList_LoadedAndFaultedPlugins_StatusAndFaultReasonShown()
    {
        var page = await ui.SignedInAsync(UiHost.ReadOnly);
        await page.GotoAsync("/connectors");

        (await page.Locator("tr[data-connector=sample] .badge").InnerTextAsync()).ShouldBe("Loaded");
        (await page.Locator("tr[data-connector=throws-on-register] .badge").InnerTextAsync()).ShouldBe("Faulted");
        (await page.Locator("tr[data-connector=throws-on-register] .fault").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RunAction_NoteWithInput_ResultShownAndStoredAtTheConnector()
    {
        var page = await ui.SignedInAsync(UiHost.Administrator);
        await page.GotoAsync("/connectors/sample");
        var action = page.Locator("#action-note");
        await action.Locator("input[name='in.note.key']").FillAsync("from-the-ui");
        await action.Locator("input[name='in.note.text']").FillAsync("Hello");
        await action.Locator("button.primary").ClickAsync();

        (await page.Locator("#action-note [data-result=stored]").InnerTextAsync()).ShouldBe("from-the-ui");
        var notes = await ui.Host.Client.GetFromJsonAsync<JsonArray>("/api/connectors/sample/actions/notes");
        notes!.Select(n => n!.GetValue<string>()).ShouldContain("from-the-ui");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RunAction_RequiredInputMissing_ErrorAtTheInputField()
    {
        var page = await ui.SignedInAsync(UiHost.Administrator);
        await page.GotoAsync("/connectors/sample");
        await page.Locator("#action-note button.primary").ClickAsync();

        (await page.Locator("#action-note .field.invalid label").InnerTextAsync()).ShouldStartWith("Key");
        (await page.Locator("#action-note .field-error").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConnectorWideAction_Operator_RunButtonDisabledAndPostRefused()
    {
        var page = await ui.SignedInAsync(UiHost.Operator);
        await page.GotoAsync("/connectors/sample");

        (await page.Locator("#action-note button.primary").IsDisabledAsync()).ShouldBeTrue("a connector-wide change is for administrators");
        (await page.Locator("#action-notes button.primary").IsDisabledAsync()).ShouldBeFalse("reads are open to every role");
        await page.Locator("#action-note button.primary").EvaluateAsync("b => b.disabled = false");
        var response = await page.RunAndWaitForResponseAsync(() => page.Locator("#action-note button.primary").ClickAsync(), r => r.Request.Method == "POST");
        response.Status.ShouldBe(403);
        await page.Context.CloseAsync();
    }
}
