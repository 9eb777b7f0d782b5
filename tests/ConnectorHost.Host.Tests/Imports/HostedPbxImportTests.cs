using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConnectorHost.Host.Tests.VendorSync;

namespace ConnectorHost.Host.Tests.Imports;

/// <summary>
/// Hosted PBX's user CSV ("hosted-pbx-users") imported through the host's /api/imports: every row gets the plugin's
/// normal settings checks, and bad rows are named by row and column in the job's report.
/// </summary>
public sealed class HostedPbxImportTests : IAsyncLifetime
{
    private const string Format = "hosted-pbx-users";
    private const string Header = "username,firstName,lastName,email,extension,licenseType,outboundCallerId,ringsBeforeVoicemail,voicemailPassword,forwardingEnabled,forwardingDestinations";

    private static readonly string MixedFile = string.Join("\r\n",
        Header,
        "bob,Bob,Miller,bob@example.com,11,Admin,+493012345671,6,4711,true,10|+4989123456",
        "carl,Carl,Fox,carl@example.com,5,Voice,,,,,",
        "dana,Dana,Hill,dana@example.com,12,Voice,+4989123456,11,,,",
        "eve,Eve,Stone,eve@example.com,10,,,,,,",
        "gina,Gina,Park,gina@example.com,13,,,,,true,99");

    private HostedPbxSyncBed _bed = null!;

    private TestHost Host => _bed.Host.Host;

    public async Task InitializeAsync()
    {
        _bed = await HostedPbxSyncBed.StartAsync();
        await _bed.CreatePbxUserAsync("ann", "Ann", "Lee", new JsonObject { ["extension"] = "10" });
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Import_FailModeWithBadRows_WritesNothingAndReportNamesRowsAndColumns()
    {
        var job = await Host.ImportAsync(ImportTestBed.Utf8(MixedFile), mode: "fail", format: Format);

        job.Count("created").ShouldBe(0, job.ToJsonString());
        (await Host.CountAsync("/api/users")).ShouldBe(1);
        var report = await Host.ReportAsync(job);
        report.ShouldContain("3,carl,extension,");
        report.ShouldContain("4,dana,outboundCallerId,");
        report.ShouldContain("4,dana,ringsBeforeVoicemail,");
        report.ShouldContain("5,eve,extension,");
        report.ShouldContain("6,gina,forwardingDestinations,");
        report.ShouldNotContain("2,bob,");
    }

    [Fact]
    public async Task Import_SkipMode_CreatesGoodRowWithPbxSettingsAndKeepsThePinOutOfTheReport()
    {
        var job = await Host.ImportAsync(ImportTestBed.Utf8(MixedFile), mode: "skip", format: Format);

        (job.Count("created"), job.Count("skipped")).ShouldBe((1, 4), job.ToJsonString());
        var bob = await Host.UserByNameAsync("bob");
        bob["email"]!.GetValue<string>().ShouldBe("bob@example.com");
        var stored = (await Host.Client.GetFromJsonAsync<JsonObject>($"/api/users/{bob["id"]}/connectors/hosted-pbx"))!;
        var settings = stored["settings"]!;
        settings["licenseType"]!.GetValue<string>().ShouldBe("Admin");
        settings["extension"]!.GetValue<string>().ShouldBe("11");
        settings["outboundCallerId"]!.GetValue<string>().ShouldBe("+493012345671");
        settings["ringsBeforeVoicemail"]!.GetValue<int>().ShouldBe(6);
        settings["forwardingDestinations"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["10", "+4989123456"]);
        var report = await Host.ReportAsync(job);
        (report + job.ToJsonString() + stored.ToJsonString()).ShouldNotContain("4711");
    }

    [Fact]
    public async Task Import_ExtensionOfAnExistingUser_ConflictNamesTheOwner()
    {
        var job = await Host.ImportAsync(ImportTestBed.Utf8("username,firstName,lastName,extension\r\neve,Eve,Stone,10\r\n"), mode: "skip", format: Format);

        job.Count("skipped").ShouldBe(1, job.ToJsonString());
        (await Host.ReportAsync(job)).ShouldContain("2,eve,extension,");
        (await Host.ReportAsync(job)).ShouldContain("2,eve,extension,Extension 10 is already used by Ann Lee.");
    }

    [Fact]
    public async Task Import_SameExtensionTwiceInTheFile_SecondRowRefused()
    {
        var job = await Host.ImportAsync(ImportTestBed.Utf8("username,firstName,lastName,extension\r\nbob,Bob,Miller,11\r\nbobby,Bobby,Miller,11\r\n"), mode: "skip", format: Format);

        (job.Count("created"), job.Count("skipped")).ShouldBe((1, 1), job.ToJsonString());
        (await Host.ReportAsync(job)).ShouldContain("3,bobby,extension,");
    }

    [Fact]
    public async Task Import_ForwardingToAnExtensionCreatedEarlierInTheFile_Accepted()
    {
        var csv = "username;firstName;lastName;extension;forwardingEnabled;forwardingDestinations\r\ncarl;Carl;Fox;12;no;\r\nbob;Bob;Miller;11;yes;12\r\n";

        var job = await Host.ImportAsync(ImportTestBed.Utf8(csv), mode: "fail", format: Format);

        job.Count("created").ShouldBe(2, (await Host.ReportAsync(job)) + job.ToJsonString());
    }

    [Fact]
    public async Task Import_AdminWithoutEmailAndBadFlag_ColumnsNamed()
    {
        var csv = "username,firstName,lastName,extension,licenseType,doNotDisturb\r\nbob,Bob,Miller,11,Admin,no\r\ncarl,Carl,Fox,12,Voice,maybe\r\n";

        var job = await Host.ImportAsync(ImportTestBed.Utf8(csv), mode: "skip", format: Format);

        var report = await Host.ReportAsync(job);
        report.ShouldContain("2,bob,licenseType,");
        report.ShouldContain("3,carl,doNotDisturb,");
        job.Count("created").ShouldBe(0, report);
    }

    [Fact]
    public async Task Import_MissingRequiredColumn_FileRefusedNamingIt()
    {
        var response = await Host.PostAsync(ImportTestBed.Utf8("username,firstName,lastName\r\nbob,Bob,Miller\r\n"), mode: "skip", format: Format);

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("required column missing: extension");
    }

    [Fact]
    public async Task Import_MoreThan5000Rows_FailsTheJobAndWritesNothing()
    {
        var csv = new StringBuilder("username,firstName,lastName,extension\r\n");
        for (var i = 0; i < 5001; i++)
        {
            csv.Append("user").Append(i).Append(",U,").Append(i).Append(",").Append(1000 + (i % 9000)).Append("\r\n");
        }

        var job = await Host.ImportAsync(ImportTestBed.Utf8(csv.ToString()), mode: "skip", format: Format);

        job["state"]!.GetValue<string>().ShouldBe("failed");
        job["message"]!.GetValue<string>().ShouldContain("at most 5000 rows per file; this file has 5001");
        (await Host.CountAsync("/api/users")).ShouldBe(1);
    }
}
