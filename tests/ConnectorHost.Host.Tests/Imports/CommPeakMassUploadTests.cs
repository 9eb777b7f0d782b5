using System.IO.Compression;
using System.Net;
using System.Text;
using ConnectorHost.Host.Tests.VendorSync;

namespace ConnectorHost.Host.Tests.Imports;

/// <summary>
/// CommPeak's mass-upload CSV end to end through the host (issue #20): the export is split into files of at most 500
/// users that import back unchanged, and bad rows are reported by row and column in either mode.
/// </summary>
public sealed class CommPeakMassUploadTests
{
    private const string Format = "commpeak-mass-upload";

    [Fact]
    public async Task Export_1201Users_ZipOf500_500_201RowsThatImportBackUnchanged()
    {
        await using var bed = await CommPeakSyncBed.StartAsync();
        var host = bed.Host.Host;
        // Seeded through the core import: 1,201 API calls would take most of the test's time.
        var seed = new StringBuilder("username,firstName,lastName,email,commpeak-dialer.roles,commpeak-dialer.sipOption,commpeak-dialer.virtualExtension,commpeak-dialer.customSipUri\r\n");
        for (var i = 0; i < 1201; i++)
        {
            seed.Append($"agent{i:D4},Agent,No {i},agent{i:D4}@example.com,{(i % 2 == 0 ? "1" : "1|2")},{(i % 3 == 0 ? "custom" : "webrtc")},{7000 + i},{(i % 3 == 0 ? $"sip:agent{i}@sip.example.com" : "")}\r\n");
        }
        var seeded = await host.ImportAsync(ImportTestBed.Utf8(seed.ToString()));
        seeded.Count("created").ShouldBe(1201, await host.ReportAsync(seeded));

        var response = await host.Client.GetAsync($"/api/users/export?format={Format}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        var files = new List<byte[]>();
        using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
        {
            zip.Entries.Select(e => e.FullName).ShouldBe([$"{Format}-001.csv", $"{Format}-002.csv", $"{Format}-003.csv"]);
            foreach (var entry in zip.Entries)
            {
                using var stream = new MemoryStream();
                await using (var entryStream = entry.Open())
                {
                    await entryStream.CopyToAsync(stream);
                }
                files.Add(stream.ToArray());
            }
        }
        files.Select(DataRows).ShouldBe([500, 500, 201]);
        var first = Encoding.UTF8.GetString(files[0]).TrimStart('\uFEFF');
        first.ShouldStartWith("Username,Email,Role,SIP Settings,");
        first.ShouldContain("agent0000,agent0000@example.com,1,Custom URI,sip:agent0@sip.example.com,7000,");
        first.ShouldContain("agent0001,agent0001@example.com,1|2,WebRTC,,7001,");

        foreach (var (file, rows) in files.Zip([500, 500, 201]))
        {
            var job = await host.ImportAsync(file, $"{Format}.csv", mode: "overwrite", format: Format);
            (job.Count("unchanged"), job.Count("updated"), job.Count("created"), job.Count("skipped")).ShouldBe((rows, 0, 0, 0), job.ToJsonString());
        }
        var again = await host.Client.GetByteArrayAsync($"/api/users/export?format={Format}");
        using var second = new ZipArchive(new MemoryStream(again));
        second.Entries.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("skip", 2)]
    [InlineData("fail", 0)]
    public async Task Import_FileWithBadRows_GoodRowsOnlyInSkipModeAndReportNamesRowAndColumn(string mode, int created)
    {
        await using var bed = await CommPeakSyncBed.StartAsync();
        var host = bed.Host.Host;
        var csv = "Username,Email,Role,SIP Settings,Virtual Extension\r\n"
            + "ann,ann@example.com,1,WebRTC,501\r\n"
            + "cara,cara@example.com,99,WebRTC,502\r\n"
            + "dan,dan@example.com,1,Carrier pigeon,503\r\n"
            + "eve,eve@example.com,2,Use PBXs,5\r\n"
            + "finn,finn@example.com,1|2,Use WebRTC,505\r\n";

        var job = await host.ImportAsync(ImportTestBed.Utf8(csv), $"{Format}.csv", mode: mode, format: Format);

        job.Count("created").ShouldBe(created, job.ToJsonString());
        (await host.CountAsync("/api/users")).ShouldBe(created);
        var report = await host.ReportAsync(job);
        report.ShouldContain("3,cara,Role,");
        report.ShouldContain("4,dan,SIP Settings,");
        report.ShouldContain("5,eve,Virtual Extension,Virtual Extension must be 2–10 digits.");
        report.ShouldNotContain(",ann,");
        report.ShouldNotContain(",finn,");
    }

    private static int DataRows(byte[] file) =>
        Encoding.UTF8.GetString(file).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
}
