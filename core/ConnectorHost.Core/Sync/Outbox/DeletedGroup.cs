using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Model;

namespace ConnectorHost.Core.Sync;

/// <summary>What a delete job keeps of a deleted group.</summary>
public sealed record DeletedGroup(GroupSnapshot Group, JsonObject Settings);
