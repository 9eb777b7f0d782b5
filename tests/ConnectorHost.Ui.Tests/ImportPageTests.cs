using System.Text;

namespace ConnectorHost.Ui.Tests;

/// <summary>The import page in a real browser: upload, progress until done, the row report.</summary>
[Collection(UiCollection.Name)]
public sealed class ImportPageTests(UiHost ui)
{
    [Fact]
    public async Task UploadUserFile_OneBadRow_JobFinishesWithCountsAndRowReport()
    {
        var page = await ui.SignedInAsync(UiHost.Operator);
        await page.GotoAsync("/imports");
        await page.SetInputFilesAsync("#file", new Microsoft.Playwright.FilePayload
        {
            Name = "people.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("username,firstName,lastName,email\r\nimport.one,Imp,One,one@example.com\r\nimport.two,Imp,Two,not-an-email\r\n"),
        });
        await page.SelectOptionAsync("#mode", "skip");
        await page.ClickAsync("form button.primary");

        // The page follows the job (script polling, then a reload once it is finished).
        await page.Locator("#import-job[data-running=false]").WaitForAsync();
        (await page.Locator("[data-field=created]").InnerTextAsync()).ShouldBe("1");
        (await page.Locator("[data-field=rowsDone]").InnerTextAsync()).ShouldBe("2");
        var report = await page.Locator("section.card table tbody").InnerTextAsync();
        report.ShouldContain("import.two");
        report.ShouldContain("email");
        (await ui.Host.CountAsync("/api/users?search=import.one")).ShouldBe(1);
        await page.Context.CloseAsync();
    }
}
