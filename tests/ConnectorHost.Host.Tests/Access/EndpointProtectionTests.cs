using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectorHost.Host.Tests.Access;

/// <summary>
/// Every endpoint the host maps, found through its EndpointDataSource (so endpoints added later are covered without
/// editing this test): anonymous calls get 401, a read-only key gets 403 on every change, an operator key gets 403
/// on admin accounts and API keys.
/// </summary>
public sealed partial class EndpointProtectionTests
{
    /// <summary>The only endpoints anyone may call: health, the sign-in and setup pages and their stylesheet.</summary>
    private static readonly string[] Anonymous = ["/health", "/signin", "/setup", "/access.css"];

    [Fact]
    public async Task EveryEndpoint_Anonymous_Unauthorized()
    {
        await using var host = await TestHost.StartAsync(TestHost.RepositoryPlugins, runSyncWorker: false);
        using var anonymous = host.AnonymousClient();
        var calls = Calls(host).Where(c => !Anonymous.Contains(c.Path)).ToList();

        var answers = new List<string>();
        foreach (var call in calls)
        {
            var response = await anonymous.SendAsync(call.Request());
            answers.Add($"{call.Method} {call.Path} → {(int)response.StatusCode}");
        }

        calls.Count.ShouldBeGreaterThan(40, "the enumeration must find the API, OpenAPI and explorer endpoints");
        answers.ShouldAllBe(a => a.EndsWith("→ 401"), string.Join("\n", answers.Where(a => !a.EndsWith("→ 401"))));
    }

    [Fact]
    public async Task EveryChange_ReadOnlyKey_Forbidden()
    {
        await using var host = await TestHost.StartAsync(TestHost.RepositoryPlugins, runSyncWorker: false);
        using var readOnly = host.ClientWithKey(await AccessTestData.CreateKeyAsync(host, "auditor", "readOnly"));
        var writes = Calls(host).Where(c => c.Method is not ("GET" or "HEAD") && c.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();

        var answers = new List<string>();
        foreach (var call in writes)
        {
            var response = await readOnly.SendAsync(call.Request());
            answers.Add($"{call.Method} {call.Path} → {(int)response.StatusCode}");
        }

        writes.Count.ShouldBeGreaterThan(25);
        answers.ShouldAllBe(a => a.EndsWith("→ 403"), string.Join("\n", answers.Where(a => !a.EndsWith("→ 403"))));
        (await readOnly.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.OK, "a read-only key still reads");
    }

    [Fact]
    public async Task AdminAccountsAndKeys_OperatorKey_Forbidden()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        using var operatorClient = host.ClientWithKey(await AccessTestData.CreateKeyAsync(host, "helpdesk", "operator"));

        var listKeys = await operatorClient.GetAsync("/api/admin/api-keys");
        var createKey = await operatorClient.PostAsJsonAsync("/api/admin/api-keys", new { name = "escalate", role = "administrator" });
        var createAccount = await operatorClient.PostAsJsonAsync("/api/admin/accounts", new { username = "mallory", password = "long enough password", role = "administrator" });
        var createUser = await operatorClient.PostAsJsonAsync("/api/users", new { username = "new.hire", firstName = "New", lastName = "Hire" });

        listKeys.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        createKey.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        createAccount.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        createUser.StatusCode.ShouldBe(HttpStatusCode.Created, "operators manage users");
    }

    private sealed record Call(string Method, string Path)
    {
        public HttpRequestMessage Request() => new(new HttpMethod(Method), Path)
        {
            Content = Method is "GET" or "HEAD" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>Each route and method, route parameters filled with values of the right shape.</summary>
    private static List<Call> Calls(TestHost host) =>
        host.Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Call(m, "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), p => Sample(p.Value)))))
            .Where(c => c.Method != "OPTIONS")
            .Distinct()
            .ToList();

    private static string Sample(string parameter) =>
        parameter.Contains(":guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString()
        : parameter.StartsWith("{*", StringComparison.Ordinal) || parameter.EndsWith("?}", StringComparison.Ordinal) ? "v1"
        : "x";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
