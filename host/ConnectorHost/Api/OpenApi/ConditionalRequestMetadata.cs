namespace ConnectorHost.Api.OpenApi;

/// <summary>Marks an endpoint that honours If-Match (RFC 9110): the document then lists the header and the 412 answer.</summary>
internal sealed class ConditionalRequestMetadata
{
    public static ConditionalRequestMetadata Instance { get; } = new();
}
