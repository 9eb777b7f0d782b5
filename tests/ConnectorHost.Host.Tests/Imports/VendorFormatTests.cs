using System.IO.Compression;
using System.Net;

namespace ConnectorHost.Host.Tests.Imports;

/// <summary>A connector's declared file format (the sample plugin's "sample-roster") read and written by the host.</summary>
public sealed class VendorFormatTests
{
    [Fact]
    public async Task Import_VendorFormat_MapsColumnsAndVendorValuesThroughTheConnectorsChecks()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);

        var job = await host.ImportAsync(ImportTestBed.Utf8("Benutzer;Vorname;Nachname;Ausweis;Team\r\nann;Ann;A;1234;Rot\r\nbob;Bob;B;12;Blau\r\n"), mode: "skip", format: "sample-roster");

        (job.Count("created"), job.Count("skipped")).ShouldBe((1, 1), job.ToJsonString());
        job["format"]!.GetValue<string>().ShouldBe("sample-roster");
        (await host.ReportAsync(job)).ShouldContain("3,bob,Ausweis,Badge number must be 3 to 6 digits.");
        var ann = await host.UserByNameAsync("ann");
        var settings = await host.Client.GetStringAsync($"/api/users/{ann["id"]}/connectors/sample");
        settings.ShouldContain("\"team\":\"red\"");
    }

    [Fact]
    public async Task Import_VendorFileOverItsRowLimit_FailsTheJobAndWritesNothing()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);

        var job = await host.ImportAsync(ImportTestBed.Utf8("Login;Ausweis\r\na;101\r\nb;102\r\nc;103\r\n"), mode: "skip", format: "sample-roster");

        job["state"]!.GetValue<string>().ShouldBe("failed");
        job["message"]!.GetValue<string>().ShouldContain("at most 2 rows per file; this file has 3");
        (await host.CountAsync("/api/users")).ShouldBe(0);
    }

    [Fact]
    public async Task Export_VendorFormatWithRowLimit_IsAZipOfFilesOfAtMostThatManyRows()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        await host.ImportAsync(ImportTestBed.Utf8("username,firstName,lastName,sample.badge,sample.team\r\na,A,A,101,red\r\nb,B,B,102,blue\r\nc,C,C,103,red\r\n"));

        var response = await host.Client.GetAsync("/api/users/export?format=sample-roster");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        zip.Entries.Select(e => e.FullName).ShouldBe(["sample-roster-001.csv", "sample-roster-002.csv"]);
        using var first = new StreamReader(zip.Entries[0].Open());
        (await first.ReadToEndAsync()).ShouldBe("Login;Vorname;Nachname;Ausweis;Team\r\na;A;A;101;Rot\r\nb;B;B;102;Blau\r\n");
    }
}
