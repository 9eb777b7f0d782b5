using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConnectorHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Starface.Cti.Testing;

/// <summary>
/// A fake Microsoft identity platform token endpoint plus the Business Central API v2.0 entity sets the
/// connector reads (contacts, customers, vendors, contactsInformation), in the real OData JSON shape with
/// server-driven paging (@odata.nextLink) of <see cref="PageSize"/> entities. As strict as the published API:
/// <list type="bullet">
/// <item>Tokens expire after <see cref="ExpiresInSeconds"/> on the fake's clock (401 afterwards).</item>
/// <item><c>$select</c> returns only the named properties; a property the entity does not have is refused (400
/// BadRequest). <c>$filter</c> is applied (<c>eq</c>/<c>ne</c> clauses joined by <c>and</c> or by <c>or</c>).</item>
/// <item>contactsInformation answers like its page source (microsoft/ALAppExtensions,
/// Apps/W1/APIV2/app/src/pages/APIV2ContactsInformation.Page.al): only for one party, through
/// <c>customers({id})/contactsInformation</c>, <c>vendors({id})/contactsInformation</c> or a top-level
/// <c>$filter</c> on both <c>relatedId</c> and <c>relatedType</c>. Anything else gets HTTP 400 with
/// <c>{"error":{"code":"Application_DialogException","message":"id type not specified.  CorrelationId:  …."}}</c>
/// (the shape reported in MicrosoftDocs/dynamics365smb-devitpro-pb#2878). A party's rows are its company
/// contact and that company's person contacts (LoadDataFromFilters of the Contact Information Buffer table).</item>
/// </list>
/// </summary>
internal sealed partial class FakeBusinessCentral : IAsyncDisposable
{
    public const string TenantId = "contoso.onmicrosoft.com";
    public const string Environment = "production";
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    public const string ClientSecret = "bc-Secret-99";
    public static readonly Guid CompanyId = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    public const int PageSize = 2;
    public const string IdTypeNotSpecified = "id type not specified.";

    private static readonly string[] ContactsInformationFields = ["contactId", "contactNumber", "contactName", "contactType", "relatedId", "relatedType"];

    private readonly object _lock = new();
    private readonly TimeProvider _clock;
    private readonly List<JsonObject> _contacts = [];
    private readonly List<JsonObject> _customers = [];
    private readonly List<JsonObject> _vendors = [];
    private readonly List<(Guid ContactId, Guid RelatedId, string RelatedType)> _relations = [];
    private readonly ConcurrentDictionary<string, int> _requests = new();
    private readonly ConcurrentQueue<string> _tokenRequestBodies = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly ConcurrentBag<Guid> _deleteAfterList = [];
    private volatile IssuedToken? _validToken;
    private int _tokensIssued;
    private LoopbackServer _server = null!;

    private FakeBusinessCentral(TimeProvider clock) => _clock = clock;

    public Uri BaseAddress => _server.BaseAddress;
    public Uri TokenUrl => new(_server.BaseAddress, "token");
    public Uri ApiBaseUrl => new(_server.BaseAddress, "v2.0");

    public int TokensIssued => _tokensIssued;
    public int ExpiresInSeconds { get; set; } = 3600;
    public int RequestsFor(string entitySet) => _requests.GetValueOrDefault(entitySet);
    public int ApiRequests => _requests.Values.Sum();
    public IReadOnlyCollection<string> TokenRequestBodies => _tokenRequestBodies;

    /// <summary>"path?query" of every API request the fake refused as the real API would (400).</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    /// <summary>When set, next links point to this base address instead of the fake (a foreign host).</summary>
    public Uri? NextLinkBase { get; set; }

    public static async Task<FakeBusinessCentral> StartAsync(TimeProvider? clock = null)
    {
        var fake = new FakeBusinessCentral(clock ?? TimeProvider.System);
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/token", (Func<HttpContext, Task<IResult>>)fake.TokenAsync);
            app.MapGet("/v2.0/{tenant}/{environment}/api/v2.0/{company}/{entitySet}", fake.EntitySet);
            app.MapGet("/v2.0/{tenant}/{environment}/api/v2.0/{company}/{parent}/{entitySet}", fake.PartyEntitySet);
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

    /// <summary>A contact business relation between a (company) contact and a customer or vendor.</summary>
    public void Link(Guid contactId, Guid relatedId, string relatedType)
    {
        lock (_lock)
        {
            _relations.Add((contactId, relatedId, relatedType));
        }
    }

    /// <summary>Deletes the customer or vendor right after the next list of its entity set is served (a delete during a refresh).</summary>
    public void DeleteAfterNextList(Guid partyId) => _deleteAfterList.Add(partyId);

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
                ["@odata.etag"] = "W/\"JzQ0O0VnQUFBQUo3\"",
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
        _validToken = new IssuedToken(token, _clock.GetUtcNow().AddSeconds(ExpiresInSeconds));
        return Json(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = ExpiresInSeconds, ["ext_expires_in"] = ExpiresInSeconds, ["access_token"] = token });
    }

    private IResult EntitySet(HttpContext context, string tenant, string environment, string company, string entitySet) =>
        Answer(context, tenant, environment, company, null, entitySet);

    private IResult PartyEntitySet(HttpContext context, string tenant, string environment, string company, string parent, string entitySet) =>
        Answer(context, tenant, environment, company, parent, entitySet);

    private IResult Answer(HttpContext context, string tenant, string environment, string company, string? parent, string entitySet)
    {
        if (tenant != TenantId || environment != Environment || company != $"companies({CompanyId:D})")
        {
            return Error("BadRequest_NotFound", "Wrong company path.", 404);
        }
        if (_validToken is not { } valid || context.Request.Headers.Authorization != $"Bearer {valid.Token}" || _clock.GetUtcNow() >= valid.ExpiresAt)
        {
            return Error("Authentication_InvalidCredentials", "The credentials provided are incorrect.", 401);
        }
        _requests.AddOrUpdate(entitySet, 1, (_, n) => n + 1);

        List<JsonObject> set;
        string[] fields;
        lock (_lock)
        {
            if (parent is not null)
            {
                // Navigation from one customer or vendor: only its contactsInformation is served here.
                var party = Regex.Match(parent, @"^(customers|vendors)\(([0-9a-fA-F-]{36})\)$");
                if (entitySet != "contactsInformation" || !party.Success)
                {
                    return Error("BadRequest_NotFound", $"No HTTP resource was found that matches the request URI '{context.Request.Path}'.", 404);
                }
                var relatedType = party.Groups[1].Value == "customers" ? "Customer" : "Vendor";
                if (!Guid.TryParse(party.Groups[2].Value, out var partyId) || !(relatedType == "Customer" ? _customers : _vendors).Any(p => p["id"]!.GetValue<string>() == partyId.ToString("D")))
                {
                    return Error("BadRequest_NotFound", $"The {relatedType} does not exist.", 404);
                }
                set = ContactsInformation(partyId, relatedType);
            }
            else if (entitySet == "contactsInformation")
            {
                // OnFindRecord: without a relatedId and a relatedType filter the page raises its error.
                var filter = Filter.Parse(context.Request.Query["$filter"]);
                var relatedId = filter?.EqualsValue("relatedId");
                var relatedType = filter?.EqualsValue("relatedType");
                if (filter is null || filter.IsOr || relatedId is null || relatedType is not ("Customer" or "Vendor") || !Guid.TryParse(relatedId, out var partyId))
                {
                    _refusals.Enqueue($"{context.Request.Path}{context.Request.QueryString}");
                    return Error("Application_DialogException", $"{IdTypeNotSpecified}  CorrelationId:  {Guid.NewGuid():D}.", 400);
                }
                set = ContactsInformation(partyId, relatedType);
            }
            else
            {
                var source = entitySet switch
                {
                    "contacts" => _contacts,
                    "customers" => _customers,
                    "vendors" => _vendors,
                    _ => null,
                };
                if (source is null)
                {
                    return Error("BadRequest_NotFound", $"No HTTP resource was found that matches the request URI '{context.Request.Path}'.", 404);
                }
                set = source.Select(o => (JsonObject)o.DeepClone()).ToList();
                source.RemoveAll(o => _deleteAfterList.Contains(Guid.Parse(o["id"]!.GetValue<string>())));
            }
            fields = entitySet == "contactsInformation" ? ContactsInformationFields : set.FirstOrDefault()?.Select(p => p.Key).Where(k => !k.StartsWith('@')).ToArray() ?? [];
        }

        string? select = context.Request.Query["$select"];
        var selected = select?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var filterText = context.Request.Query["$filter"].ToString();
        var parsed = filterText.Length == 0 ? null : Filter.Parse(filterText);
        if (filterText.Length > 0 && parsed is null)
        {
            _refusals.Enqueue($"{context.Request.Path}{context.Request.QueryString}");
            return Error("BadRequest", $"The fake supports only eq/ne clauses joined by 'and' or by 'or': {filterText}", 400);
        }
        if ((selected ?? []).Concat(parsed?.Fields ?? []).FirstOrDefault(f => set.Count > 0 && !fields.Contains(f)) is { } unknown)
        {
            _refusals.Enqueue($"{context.Request.Path}{context.Request.QueryString}");
            return Error("BadRequest", $"Could not find a property named '{unknown}' on type 'Microsoft.NAV.{entitySet}'.", 400);
        }
        if (parsed is not null)
        {
            set = set.Where(parsed.Matches).ToList();
        }
        if (selected is not null)
        {
            set = set.Select(o => new JsonObject(o.Where(p => p.Key.StartsWith('@') || selected.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))).ToList();
        }

        var skip = int.TryParse(context.Request.Query["$skiptoken"], out var s) ? s : 0;
        var page = set.Skip(skip).Take(PageSize).ToList();
        var path = parent is null ? $"{company}/{entitySet}" : $"{company}/{parent}/{entitySet}";
        var body = new JsonObject
        {
            ["@odata.context"] = $"{BaseAddress}v2.0/{tenant}/{environment}/api/v2.0/$metadata#companies({CompanyId:D})/{entitySet}",
            ["value"] = new JsonArray(page.Select(p => (JsonNode)p).ToArray()),
        };
        if (skip + PageSize < set.Count)
        {
            // Like Business Central: the next link repeats the query options and adds a skip token.
            var query = string.Join("&", context.Request.Query.Where(q => q.Key != "$skiptoken").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").Append($"$skiptoken={skip + PageSize}"));
            body["@odata.nextLink"] = $"{NextLinkBase ?? BaseAddress}v2.0/{tenant}/{environment}/api/v2.0/{path}?{query}";
        }
        return Json(body);
    }

    /// <summary>The rows the page builds for one party: the first business relation's company contact and its persons.</summary>
    private List<JsonObject> ContactsInformation(Guid partyId, string relatedType)
    {
        var relation = _relations.FirstOrDefault(r => r.RelatedId == partyId && r.RelatedType == relatedType);
        if (relation == default)
        {
            return [];
        }
        var linked = _contacts.First(c => c["id"]!.GetValue<string>() == relation.ContactId.ToString("D"));
        var number = linked["number"]!.GetValue<string>();
        var ofCompany = _contacts.Where(c => c["companyNumber"]!.GetValue<string>() == number).ToList();
        return (ofCompany.Count > 0 ? ofCompany : [linked]).Select(c => new JsonObject
        {
            ["contactId"] = c["id"]!.GetValue<string>(),
            ["contactNumber"] = c["number"]!.GetValue<string>(),
            ["contactName"] = c["displayName"]!.GetValue<string>(),
            ["contactType"] = c["type"]!.GetValue<string>(),
            ["relatedId"] = partyId.ToString("D"),
            ["relatedType"] = relatedType,
        }).ToList();
    }

    private static IResult Error(string code, string message, int status) =>
        Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, status);

    private static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), "application/json", statusCode: status);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

    /// <summary>An OData <c>$filter</c> of <c>field eq|ne value</c> clauses joined by one kind of connective.</summary>
    private sealed partial class Filter
    {
        private Filter(IReadOnlyList<(string Field, bool Equal, string Value)> clauses, bool isOr)
        {
            Clauses = clauses;
            IsOr = isOr;
        }

        public IReadOnlyList<(string Field, bool Equal, string Value)> Clauses { get; }
        public bool IsOr { get; }
        public IEnumerable<string> Fields => Clauses.Select(c => c.Field);

        public static Filter? Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            var isOr = Regex.IsMatch(text, @"\s+or\s+");
            if (isOr && Regex.IsMatch(text, @"\s+and\s+"))
            {
                return null;
            }
            var clauses = new List<(string, bool, string)>();
            foreach (var part in Regex.Split(text.Trim(), isOr ? @"\s+or\s+" : @"\s+and\s+"))
            {
                var clause = ClausePattern().Match(part.Trim());
                if (!clause.Success)
                {
                    return null;
                }
                var value = clause.Groups["value"].Value;
                clauses.Add((clause.Groups["field"].Value, clause.Groups["op"].Value == "eq",
                    value.StartsWith('\'') ? value[1..^1].Replace("''", "'", StringComparison.Ordinal) : value));
            }
            return new Filter(clauses, isOr);
        }

        /// <summary>The value of a <c>field eq value</c> clause that must hold (an and-filter), else null.</summary>
        public string? EqualsValue(string field) =>
            IsOr ? null : Clauses.FirstOrDefault(c => c.Field == field && c.Equal).Value;

        public bool Matches(JsonObject row)
        {
            bool Holds((string Field, bool Equal, string Value) c) =>
                string.Equals(row[c.Field]?.ToString() ?? "", c.Value, StringComparison.OrdinalIgnoreCase) == c.Equal;
            return IsOr ? Clauses.Any(Holds) : Clauses.All(Holds);
        }

        [GeneratedRegex(@"^(?<field>[A-Za-z]+)\s+(?<op>eq|ne)\s+(?<value>'(?:[^']|'')*'|[0-9a-fA-F-]+)$")]
        private static partial Regex ClausePattern();
    }
}
