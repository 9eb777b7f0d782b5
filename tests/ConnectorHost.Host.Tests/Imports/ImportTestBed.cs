using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests.Imports;

/// <summary>Uploads user files to a real host's import API and waits for the job, as an admin's client would.</summary>
internal static class ImportTestBed
{
    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Imports", "Fixtures", name));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static async Task<HttpResponseMessage> PostAsync(this TestHost host, byte[] file, string fileName = "users.csv", string? mode = null, bool? dryRun = null, string? format = null)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", fileName);
        if (mode is not null)
        {
            form.Add(new StringContent(mode), "mode");
        }
        if (dryRun is not null)
        {
            form.Add(new StringContent(dryRun.Value ? "true" : "false"), "dryRun");
        }
        if (format is not null)
        {
            form.Add(new StringContent(format), "format");
        }
        return await host.Client.PostAsync("/api/imports", form);
    }

    /// <summary>Posts the file, expects 202, and returns the job once it has ended.</summary>
    public static async Task<JsonObject> ImportAsync(this TestHost host, byte[] file, string fileName = "users.csv", string? mode = null, bool? dryRun = null, string? format = null)
    {
        var response = await host.PostAsync(file, fileName, mode, dryRun, format);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await host.WaitForJobAsync(response.Headers.Location!.ToString());
    }

    public static async Task<JsonObject> WaitForJobAsync(this TestHost host, string url, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(600));
        while (true)
        {
            // Reads are never refused while an all-or-nothing import holds the write lock (ApiKeyTests proves the key's
            // last-use stamp no longer waits for it), so any error here fails the test.
            var job = (await host.Client.GetFromJsonAsync<JsonObject>(url))!;
            if (job["state"]!.GetValue<string>() is "succeeded" or "failed" or "cancelled")
            {
                return job;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Import job still {job["state"]} after the timeout: {job.ToJsonString()}");
            }
            await Task.Delay(50);
        }
    }

    public static async Task<string> ReportAsync(this TestHost host, JsonObject job) =>
        await host.Client.GetStringAsync($"/api/imports/{job["id"]}/report");

    public static int Count(this JsonObject job, string name) => job[name]!.GetValue<int>();

    public static async Task<JsonObject> UserByNameAsync(this TestHost host, string username)
    {
        var page = (await host.Client.GetFromJsonAsync<JsonObject>($"/api/users?search={Uri.EscapeDataString(username)}&pageSize=50"))!;
        var summary = page["items"]!.AsArray().Single(u => string.Equals(u!["username"]!.GetValue<string>(), username, StringComparison.OrdinalIgnoreCase))!;
        return (await host.Client.GetFromJsonAsync<JsonObject>($"/api/users/{summary["id"]}"))!;
    }
}
