using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Starface.Cti.Tests.Fakes;

/// <summary>
/// A fake Microsoft identity platform token endpoint plus the Business Central API v2.0 entity sets the
/// connector reads (contacts, customers, vendors, contactsInformation), in the real OData JSON shape with
/// server-driven paging (@odata.nextLink) of <see cref="PageSize"/> entities.
/// </summary>
internal sealed class FakeBusinessCentral : IAsyncDisposable
{
    public const string TenantId = "contoso.onmicrosoft.com";
    public const string Environment = "production";
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    public const string ClientSecret = "bc-Secret-99";
    public static readonly Guid CompanyId = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    public const int PageSize = 2;

    private readonly object _lock = new();
    private readonly List<JsonObject> _contacts = [];
    private readonly List<JsonObject> _customers = [];
    private readonly List<JsonObject> _vendors = [];
    private readonly List<JsonObject> _links = [];
    private readonly ConcurrentDictionary<string, int> _requests = new();
    private readonly ConcurrentQueue<string> _tokenRequestBodies = new();
    private string? _validToken;
    private int _tokensIssued;
    private LoopbackServer _server = null!;

    public Uri BaseAddress => _server.BaseAddress;
    public Uri TokenUrl => new(_server.BaseAddress, "token");
    public Uri ApiBaseUrl => new(_server.BaseAddress, "v2.0");

    public int TokensIssued => _tokensIssued;
    public int ExpiresInSeconds { get; set; } = 3600;
    public int RequestsFor(string entitySet) => _requests.GetValueOrDefault(entitySet);
    public int ApiRequests => _requests.Values.Sum();
    public IReadOnlyCollection<string> TokenRequestBodies => _tokenRequestBodies;

    public static async Task<FakeBusinessCentral> StartAsync()
    {
        var fake = new FakeBusinessCentral();
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/token", (Func<HttpContext, Task<IResult>>)fake.TokenAsync);
            app.MapGet("/v2.0/{tenant}/{environment}/api/v2.0/{company}/{entitySet}", fake.EntitySet);
        });
        return fake;
    }

    /// <summary>Makes the current token invalid (as if revoked); the next API call gets 401.</summary>
    public void RevokeToken() => _validToken = null;

    public Guid AddContact(string number, string displayName, string? phone = null, string? mobile = null, string type = "Company", string? companyNumber = null)
    {
        var id = Guid.NewGuid();
        lock (_lock)
        {
            _contacts.Add(new JsonObject
            {
                ["@odata.etag"] = "W/\"JzQ0O0VnQUFBQUo3\"",
                ["id"] = id.ToString("D"),
                ["number"] = number,
                ["type"] = type,
                ["displayName"] = displayName,
                ["companyNumber"] = companyNumber ?? (type == "Company" ? number : ""),
                ["phoneNumber"] = phone ?? "",
                ["mobilePhoneNumber"] = mobile ?? "",
                ["email"] = "",
            });
        }
        return id;
    }

    public Guid AddCustomer(string number, string displayName, string? phone = null) => AddParty(_customers, number, displayName, phone);

    public Guid AddVendor(string number, string displayName, string? phone = null) => AddParty(_vendors, number, displayName, phone);

    /// <summary>A contact business relation, as contactsInformation exposes it.</summary>
    public void Link(Guid contactId, Guid relatedId, string relatedType)
    {
        lock (_lock)
        {
            var contact = _contacts.First(c => c["id"]!.GetValue<string>() == contactId.ToString("D"));
            _links.Add(new JsonObject
            {
                ["contactId"] = contactId.ToString("D"),
                ["contactNumber"] = contact["number"]!.GetValue<string>(),
                ["contactName"] = contact["displayName"]!.GetValue<string>(),
                ["contactType"] = contact["type"]!.GetValue<string>(),
                ["relatedId"] = relatedId.ToString("D"),
                ["relatedType"] = relatedType,
            });
        }
    }

    public void SetContactPhone(Guid contactId, string phone)
    {
        lock (_lock)
        {
            _contacts.First(c => c["id"]!.GetValue<string>() == contactId.ToString("D"))["phoneNumber"] = phone;
        }
    }

    private Guid AddParty(List<JsonObject> set, string number, string displayName, string? phone)
    {
        var id = Guid.NewGuid();
        lock (_lock)
        {
            set.Add(new JsonObject
            {
                ["id"] = id.ToString("D"),
                ["number"] = number,
                ["displayName"] = displayName,
                ["phoneNumber"] = phone ?? "",
                ["email"] = "",
            });
        }
        return id;
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        _tokenRequestBodies.Enqueue(string.Join("&", form.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value}")));
        if (form["grant_type"] != "client_credentials"
            || form["scope"] != "https://api.businesscentral.dynamics.com/.default"
            || form["client_id"] != ClientId)
        {
            return Json(new JsonObject { ["error"] = "invalid_request", ["error_description"] = "AADSTS900144" }, 400);
        }
        if (form["client_secret"] != ClientSecret)
        {
            return Json(new JsonObject { ["error"] = "invalid_client", ["error_description"] = "AADSTS7000215: Invalid client secret provided." }, 401);
        }
        var token = $"bc-token-{Interlocked.Increment(ref _tokensIssued)}";
        _validToken = token;
        return Json(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = ExpiresInSeconds, ["ext_expires_in"] = ExpiresInSeconds, ["access_token"] = token });
    }

    private IResult EntitySet(HttpContext context, string tenant, string environment, string company, string entitySet)
    {
        if (tenant != TenantId || environment != Environment || company != $"companies({CompanyId:D})")
        {
            return Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "BadRequest_NotFound", ["message"] = "Wrong company path." } }, 404);
        }
        if (_validToken is null || context.Request.Headers.Authorization != $"Bearer {_validToken}")
        {
            return Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "Authentication_InvalidCredentials", ["message"] = "The credentials provided are incorrect." } }, 401);
        }
        List<JsonObject> set;
        lock (_lock)
        {
            set = (entitySet switch
            {
                "contacts" => _contacts,
                "customers" => _customers,
                "vendors" => _vendors,
                "contactsInformation" => _links,
                _ => null,
            })?.Select(o => (JsonObject)o.DeepClone()).ToList() ?? [];
            if (entitySet is not ("contacts" or "customers" or "vendors" or "contactsInformation"))
            {
                return Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "BadRequest_NotFound", ["message"] = $"No entity set {entitySet}." } }, 404);
            }
        }
        _requests.AddOrUpdate(entitySet, 1, (_, n) => n + 1);

        var skip = int.TryParse(context.Request.Query["$skiptoken"], out var s) ? s : 0;
        var page = set.Skip(skip).Take(PageSize).ToList();
        var body = new JsonObject
        {
            ["@odata.context"] = $"{BaseAddress}v2.0/{tenant}/{environment}/api/v2.0/$metadata#companies({CompanyId:D})/{entitySet}",
            ["value"] = new JsonArray(page.Select(p => (JsonNode)p).ToArray()),
        };
        if (skip + PageSize < set.Count)
        {
            body["@odata.nextLink"] = $"{BaseAddress}v2.0/{tenant}/{environment}/api/v2.0/{company}/{entitySet}?$skiptoken={skip + PageSize}";
        }
        return Json(body);
    }

    private static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), "application/json", statusCode: status);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
