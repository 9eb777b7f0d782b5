using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectorHost.Host.Tests.Imports;

/// <summary>The job API as a client sees it: 202 + job URL, state and counts, row report, cancel, problem details.</summary>
public sealed class ImportJobsApiTests
{
    [Fact]
    public async Task Post_ValidFile_Returns202WithJobUrlAndTheJobEndsWithCounts()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.PostAsync(ImportTestBed.Utf8("username,firstName,lastName\r\na,A,A\r\nb,B,B\r\n"), "people.csv", mode: "skip");

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = await response.ReadObjectAsync();
        response.Headers.Location!.ToString().ShouldBe($"/api/imports/{accepted["id"]}");
        accepted["fileName"]!.GetValue<string>().ShouldBe("people.csv");
        accepted["mode"]!.GetValue<string>().ShouldBe("skip");
        var job = await host.WaitForJobAsync(response.Headers.Location!.ToString());
        job["state"]!.GetValue<string>().ShouldBe("succeeded");
        (job.Count("rowsDone"), job["rowsTotal"]!.GetValue<int>(), job.Count("created")).ShouldBe((2, 2, 2));
        job["rowsPerSecond"]!.GetValue<double>().ShouldBeGreaterThan(0);
        job["finishedAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Post_JobEnds_ImportsFolderKeepsNeitherTheUploadNorTheLockFile()
    {
        await using var host = await TestHost.StartAsync();

        var job = await host.ImportAsync(ImportTestBed.Utf8("username,firstName,lastName\r\na,A,A\r\n"), mode: "skip");

        job["state"]!.GetValue<string>().ShouldBe("succeeded");
        var folder = Path.Combine(Path.GetDirectoryName(host.DatabaseFile)!, "imports");
        // The lock goes a moment after the job's last write, when the worker releases it.
        await VendorSync.VendorSyncHost.EventuallyAsync(() => Task.FromResult(Directory.GetFiles(folder).Length == 0),
            $"the imports folder to be empty (has {string.Join(", ", Directory.GetFiles(folder).Select(Path.GetFileName))})", seconds: 10);
    }

    [Fact]
    public async Task GetReport_JobWithErrors_ReturnsCsvWithOneLinePerError()
    {
        await using var host = await TestHost.StartAsync();
        var job = await host.ImportAsync(ImportTestBed.Utf8("username,firstName,lastName,email,language\r\nok,O,K,,\r\nbad,B,D,nope,xx-NOPE\r\n"), mode: "skip");

        var response = await host.Client.GetAsync($"/api/imports/{job["id"]}/report");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("row,username,column,message");
        lines.Skip(1).Select(l => l.Split(',')[2]).Order().ShouldBe(["email", "language"]);
        lines.Skip(1).ShouldAllBe(l => l.StartsWith("3,bad,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteImportReport_RowLimit_WritesOnlyTheFirstErrors()
    {
        await using var host = await TestHost.StartAsync();
        var job = await host.ImportAsync(ImportTestBed.Utf8("username,firstName,lastName,email,language\r\nbad,B,D,nope,xx-NOPE\r\nworse,W,O,nah,\r\n"), mode: "skip");
        using var output = new MemoryStream();
        await using var scope = host.Services.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new Core.Imports.ImportReport.WriteImportReport(Guid.Parse(job["id"]!.GetValue<string>()), output, Rows: 2));

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3, "the header and the first two of three error lines");
        lines.Skip(1).ShouldAllBe(l => l.StartsWith("2,bad,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mode", "sometimes", "mode")]
    [InlineData("format", "no-such-format", "format")]
    [InlineData("dryRun", "perhaps", "dryRun")]
    public async Task Post_BadField_Returns400ProblemNamingTheField(string field, string value, string named)
    {
        await using var host = await TestHost.StartAsync();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ImportTestBed.Utf8("username,firstName,lastName\r\na,A,A\r\n")), "file", "u.csv" },
            { new StringContent(value), field },
        };

        var response = await host.Client.PostAsync("/api/imports", form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadObjectAsync())["errors"]![named].ShouldNotBeNull();
    }

    [Fact]
    public async Task Post_WithoutFileOrWithUnknownColumn_Returns400NamingTheFile()
    {
        await using var host = await TestHost.StartAsync();

        var noFile = await host.Client.PostAsync("/api/imports", new MultipartFormDataContent { { new StringContent("skip"), "mode" } });
        var badHeader = await host.PostAsync(ImportTestBed.Utf8("username,firstName,shoeSize\r\na,A,44\r\n"));
        var json = await host.Client.PostAsJsonAsync("/api/imports", new { mode = "skip" });

        noFile.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noFile.ReadObjectAsync())["errors"]!["file"].ShouldNotBeNull();
        badHeader.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badHeader.ReadObjectAsync())["errors"]!["file"]![0]!.GetValue<string>().ShouldContain("unknown column 'shoeSize'");
        json.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_UnknownJob_Returns404Problem()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.Client.GetAsync($"/api/imports/{Guid.NewGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Cancel_RunningAllOrNothingImport_EndsCancelledWithNothingWritten()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        var text = new System.Text.StringBuilder("username,firstName,lastName\r\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{i},F{i},L{i}\r\n");
        }
        var response = await host.PostAsync(ImportTestBed.Utf8(text.ToString()), mode: "fail");
        var url = response.Headers.Location!.ToString();
        await WaitUntilAsync(async () => (await host.Client.GetFromJsonAsync<JsonObject>(url))!["rowsDone"]!.GetValue<int>() > 0);

        var cancel = await host.Client.PostAsync($"{url}/cancel", null);

        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
        var job = await host.WaitForJobAsync(url);
        job["state"]!.GetValue<string>().ShouldBe("cancelled", job.ToJsonString());
        job.Count("created").ShouldBe(0);
        (await host.CountAsync("/api/users")).ShouldBe(0);
        (await host.Client.PostAsync($"{url}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the import never started");
            await Task.Delay(20);
        }
    }
}
