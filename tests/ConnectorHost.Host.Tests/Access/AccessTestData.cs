using Microsoft.Extensions.Logging;
using System.Net.Http.Json;
using ConnectorHost.Testing;

namespace ConnectorHost.Host.Tests.Access;

/// <summary>Admin accounts and keys made through the API as the bootstrap administrator.</summary>
internal static class AccessTestData
{
    public const string AdminPassword = "correct horse battery staple";

    /// <summary>A host whose <c>admin</c> account has <see cref="AdminPassword"/>.</summary>
    public static Task<TestHost> StartWithAdminAsync(TimeProvider? time = null, CapturedLogs? logs = null) =>
        TestHost.StartAsync(environment: new Dictionary<string, string>
        {
            ["CONNECTORHOST_ADMIN_PASSWORD"] = AdminPassword,
            [TestHost.BootstrapKeyVariable] = TestHost.BootstrapApiKey,
        }, time: time, runSyncWorker: false, logging: logs is null ? null : l => l.AddProvider(logs));

    public static async Task<string> CreateKeyAsync(TestHost host, string name, string role)
    {
        var response = await host.Client.PostAsJsonAsync("/api/admin/api-keys", new { name, role });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["key"]!.GetValue<string>();
    }
}
