using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;

namespace ConnectorHost.Core.Sync;

/// <summary>What a delete job keeps of a deleted user: enough for the vendor delete to find its record, never secrets.</summary>
public sealed record DeletedUser(UserSnapshot User, JsonObject Settings);
