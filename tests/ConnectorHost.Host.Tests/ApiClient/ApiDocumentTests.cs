using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConnectorHost.Host.Tests.ApiClient;

/// <summary>/openapi/v1.json as generators and linters read it (Redocly's recommended rules, docs/api.md).</summary>
public sealed class ApiDocumentTests
{
    private static async Task<JsonObject> DocumentAsync()
    {
        await using var host = await TestHost.StartAsync(runSyncWorker: false);
        return (await host.Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
    }

    private static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "put" or "post" or "delete" or "patch")
            .Select(o => (o.Key, p.Key, o.Value!.AsObject())));

    private static bool DeclaresProblem(JsonObject operation, string status) =>
        operation["responses"]?[status]?["content"]?["application/problem+json"] is not null;

    [Fact]
    public async Task Document_EveryOperation_HasUniqueOperationIdAnd4xxProblemsAndExplicitSecurity()
    {
        var document = await DocumentAsync();

        var operations = Operations(document).ToList();

        operations.Count.ShouldBeGreaterThan(40);
        var ids = operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();
        ids.ShouldAllBe(id => !string.IsNullOrEmpty(id));
        ids.Distinct().Count().ShouldBe(ids.Count);
        ids.ShouldContain("getUsersById");
        ids.ShouldContain("patchUsersByIdConnectorsByConnectorId");
        ids.ShouldContain("putRolesByIdConnectorsByConnectorId");
        operations.Where(o => o.Path.Contains('{')).ShouldAllBe(o => DeclaresProblem(o.Operation, "404"));
        operations.Where(o => o.Operation["requestBody"] != null).ShouldAllBe(o => DeclaresProblem(o.Operation, "400") && DeclaresProblem(o.Operation, "415"));
        operations.ShouldAllBe(o => o.Operation["security"] is JsonArray);
    }

    [Theory]
    [InlineData("put", "/api/users/{id}")]
    [InlineData("patch", "/api/users/{id}")]
    [InlineData("delete", "/api/groups/{id}")]
    [InlineData("post", "/api/roles/{id}/rename")]
    [InlineData("put", "/api/users/{id}/connectors/{connectorId}")]
    [InlineData("put", "/api/roles/{id}/connectors/{connectorId}")]
    [InlineData("delete", "/api/roles/{id}/connectors/{connectorId}")]
    public async Task Document_ConditionalOperation_DeclaresIfMatchAnd412(string method, string path)
    {
        var document = await DocumentAsync();

        var operation = document["paths"]![path]![method]!.AsObject();

        DeclaresProblem(operation, "412").ShouldBeTrue();
        operation["parameters"]!.AsArray().ShouldContain(p => p!["name"]!.GetValue<string>() == "If-Match" && p["in"]!.GetValue<string>() == "header");
    }

    [Fact]
    public async Task Document_InfoServersAndTags_DescribedForReaders()
    {
        var document = await DocumentAsync();

        document["info"]!["title"]!.GetValue<string>().ShouldBe("ConnectorHost API");
        document["info"]!["license"]!["name"].ShouldNotBeNull();
        document["servers"]!.AsArray().ShouldAllBe(s => !s!["url"]!.GetValue<string>().EndsWith('/'));
        var used = Operations(document).SelectMany(o => o.Operation["tags"]!.AsArray().Select(t => t!.GetValue<string>())).ToHashSet();
        var described = document["tags"]!.AsArray().Where(t => t!["description"] is not null).Select(t => t!["name"]!.GetValue<string>());
        described.ShouldBe(used, ignoreOrder: true);
    }
}
