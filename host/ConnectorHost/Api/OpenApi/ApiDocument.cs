using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ConnectorHost.Api.OpenApi;

/// <summary>
/// One place that makes /openapi/v1.json a contract generated clients can rely on: every operation gets an
/// operationId, its problem responses (application/problem+json, 401 and 403 included) and the bearer API key
/// requirement (none for the few anonymous operations); the document gets its info, licence, tag descriptions and a server URL without trailing slash.
/// Endpoints mapped later get all of this without touching their route code.
/// </summary>
internal static class ApiDocument
{
    public const string ProblemMediaType = "application/problem+json";
    private const string ProblemSchema = "ProblemDetails";
    public const string SecurityScheme = "bearer";

    /// <summary>What each tag groups; a tag missing here shows up as a lint warning (and fails ApiDocumentTests).</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Users"] = "People in the host's own model: profile, state, group and role memberships. Connectors push them to the vendors.",
        ["Groups"] = "A tree of groups; members and roles given to a group apply to each member.",
        ["Roles"] = "Roles, optionally composite (a role includes other roles), given to users directly or through groups.",
        ["Connectors"] = "The plugins in plugins.json: status, fault reason, settings schemas and the actions each connector offers.",
        ["Connector settings"] = "A user's or group's settings for one connector, validated by the connector's schema and vendor rules.",
        ["Audit"] = "Who changed what, with before and after values (secrets masked).",
        ["Imports"] = "Bulk import jobs for user files (core CSV or a connector's format): upload, progress, row report, cancel.",
        ["Sync"] = "The outbox that delivers changes to the vendors: status, plan, push, reconcile and dead letters.",
        ["Admin access"] = "Admin accounts and API keys (administrators only), and who is calling.",
    };

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            Describe(operation, context);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        });
    });

    /// <summary>Marks an endpoint that honours If-Match: the document lists the header and 412.</summary>
    public static TBuilder WithIfMatch<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ConditionalRequestMetadata.Instance);

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        var path = "/" + (description.RelativePath ?? "").Split('?')[0];
        operation.OperationId ??= OperationId(method, path);
        // Every operation needs an API key (or the sign-in cookie, which is not for generated clients) unless it is anonymous.
        var anonymous = description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        operation.Security = anonymous ? [] : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, context.Document)] = [] }];
        AddProblem(operation, "401", "No valid API key or sign-in session.", !anonymous);
        AddProblem(operation, "403", "The caller's admin role may not do this (or a cookie-authenticated change lacks its anti-forgery token).", !anonymous);

        var hasPathParameters = path.Contains('{', StringComparison.Ordinal);
        var hasInput = hasPathParameters || description.ParameterDescriptions.Count > 0 || operation.RequestBody is not null;
        var writes = method is not "GET" and not "HEAD";
        var conditional = description.ActionDescriptor.EndpointMetadata.OfType<ConditionalRequestMetadata>().Any();
        AddProblem(operation, "400", "The request is invalid; `errors` names each field or parameter.", hasInput);
        AddProblem(operation, "404", "The resource (or a connector, user or group it names) does not exist.", hasPathParameters);
        AddProblem(operation, "409", "The change clashes with existing data or the connector is unavailable.", writes);
        AddProblem(operation, "412", "If-Match does not match the stored version (RFC 9110); reload and retry.", conditional);
        AddProblem(operation, "415", "The body's content type is not one this operation takes.", operation.RequestBody is not null);
        if (conditional)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "An ETag from a previous response (\"3\"), or * for \"whatever is stored\"; the change is made only if it matches.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    private static void AddProblem(OpenApiOperation operation, string status, string description, bool applies)
    {
        operation.Responses ??= [];
        // A status the endpoint declared with a body of its own stays as it is; every failure body here is a problem.
        if (!applies || operation.Responses.TryGetValue(status, out var declared) && declared.Content is { Count: > 0 })
        {
            return;
        }
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema) },
            },
        };
    }

    /// <summary>
    /// A name from the method and route, unique because method + route are: GET /api/users/{id}/connectors/{connectorId}
    /// becomes getUsersByIdConnectorsByConnectorId. Generated clients name their methods after it.
    /// </summary>
    internal static string OperationId(string method, string path)
    {
        var name = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "api"))
        {
            var parameter = segment.StartsWith('{');
            var words = segment.Trim('{', '}').Split(':')[0].Split('-', '_', '.');
            name.Append(parameter ? "By" : "");
            foreach (var word in words.Where(w => w.Length > 0))
            {
                name.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(word.AsSpan(1));
            }
        }
        return name.ToString();
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ConnectorHost API",
            Version = "v1",
            Description = "One model of users, groups and roles, pushed through connector plugins to telephony and contact-center products. "
                + "Every error is RFC 9457 problem details; changes take If-Match (ETag) and PATCH takes JSON merge patch (RFC 7396).",
            License = new OpenApiLicense { Name = "Proprietary" },
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }
        var used = (document.Paths ?? []).Values
            .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .OfType<string>()
            .ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(used.Order().Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.GetValueOrDefault(name),
        }));
        document.AddComponent<IOpenApiSecurityScheme>(SecurityScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (created with POST /api/admin/api-keys, or CONNECTORHOST_BOOTSTRAP_API_KEY) sent as Authorization: Bearer <key>.",
        });
        document.AddComponent<IOpenApiSchema>(ProblemSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Messages per field or parameter, keyed by its name in the request (e.g. phoneNumbers[1]).",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
        });
    }
}
