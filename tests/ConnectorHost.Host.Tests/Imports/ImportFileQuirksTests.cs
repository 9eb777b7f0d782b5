using System.Net;

namespace ConnectorHost.Host.Tests.Imports;

/// <summary>Real files as admins have them: every quirk has a fixture under Imports/Fixtures and imports the same two users.</summary>
public sealed class ImportFileQuirksTests
{
    [Theory]
    [InlineData("utf8-crlf.csv")]
    [InlineData("utf8-bom.csv")]
    [InlineData("utf16le-bom.csv")]
    [InlineData("utf16be-bom.csv")]
    [InlineData("windows1252-semicolon.csv")]
    [InlineData("tab-delimited.tsv")]
    [InlineData("lf-only.csv")]
    [InlineData("trailing-empty-lines.csv")]
    [InlineData("header-case-spaces.csv")]
    public async Task Import_FileQuirk_ImportsBothUsersWithUmlautsIntact(string fixture)
    {
        await using var host = await TestHost.StartAsync();

        var job = await host.ImportAsync(ImportTestBed.Fixture(fixture), fixture);

        job["state"]!.GetValue<string>().ShouldBe("succeeded", job.ToJsonString());
        job.Count("rowsTotal").ShouldBe(2);
        job.Count("created").ShouldBe(2);
        var mueller = await host.UserByNameAsync("mueller");
        mueller["firstName"]!.GetValue<string>().ShouldBe("Jürgen");
        mueller["lastName"]!.GetValue<string>().ShouldBe("Müller");
        mueller["email"]!.GetValue<string>().ShouldBe("j.mueller@example.com");
        (await host.UserByNameAsync("weiss"))["lastName"]!.GetValue<string>().ShouldBe("Weiß");
    }

    [Fact]
    public async Task Import_QuotedFieldsWithDelimitersQuotesAndNewlines_KeepsTheTextExactly()
    {
        await using var host = await TestHost.StartAsync();

        var job = await host.ImportAsync(ImportTestBed.Fixture("quoted-fields.csv"));

        job.Count("created").ShouldBe(2, job.ToJsonString());
        (await host.UserByNameAsync("mueller"))["displayName"]!.GetValue<string>().ShouldBe("Müller, Jürgen \"Jay\"\r\nSales, 2nd floor");
        (await host.UserByNameAsync("weiss"))["displayName"]!.GetValue<string>().ShouldBe("Anna; Weiß");
    }

    [Fact]
    public async Task Import_DuplicateHeaderNames_Returns400NamingTheColumnAndQueuesNoJob()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.PostAsync(ImportTestBed.Fixture("duplicate-headers.csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadObjectAsync();
        problem["errors"]!["file"]![0]!.GetValue<string>().ShouldContain("'FIRSTNAME' appears twice");
        (await host.CountAsync("/api/users")).ShouldBe(0);
    }

    [Fact]
    public async Task Import_DuplicateUsernameInFile_LaterRowIsAnErrorNamingTheEarlierRow()
    {
        await using var host = await TestHost.StartAsync();

        var job = await host.ImportAsync(ImportTestBed.Fixture("duplicate-usernames.csv"), mode: "skip");

        job.Count("created").ShouldBe(2);
        job.Count("skipped").ShouldBe(1);
        var report = await host.ReportAsync(job);
        report.ShouldContain("4,MUELLER,username,Username 'MUELLER' is already in row 2 of this file.");
        (await host.UserByNameAsync("mueller"))["firstName"]!.GetValue<string>().ShouldBe("Jürgen");
    }

    [Fact]
    public async Task ImportThenExport_FormulaLikeCells_AreStoredAsTextAndEscapedOnExport()
    {
        await using var host = await TestHost.StartAsync();

        var job = await host.ImportAsync(ImportTestBed.Fixture("formula-cells.csv"));

        job.Count("created").ShouldBe(2, job.ToJsonString());
        var mueller = await host.UserByNameAsync("mueller");
        mueller["firstName"]!.GetValue<string>().ShouldBe("=1+2");
        mueller["displayName"]!.GetValue<string>().ShouldBe("@SUM(A1)");
        (await host.UserByNameAsync("weiss"))["lastName"]!.GetValue<string>().ShouldBe("-Weiß");
        var export = await host.Client.GetStringAsync("/api/users/export");
        export.ShouldContain("mueller,\"'=1+2\",Müller,\"'@SUM(A1)\"");
        export.ShouldContain("\"'=HYPERLINK(\"\"http://x\"\")\"");
    }
}
