using ConnectorHost.Core.Domain;
using Microsoft.AspNetCore.Authorization;

namespace ConnectorHost.Access;

/// <summary>
/// The least role a request needs: <see cref="Reads"/> for GET/HEAD, <see cref="Writes"/> for every other method.
/// With <see cref="ConnectorActions"/> the connector action routes decide by the action's descriptor instead of the
/// method (and an action declared <c>Anonymous</c>, like redeeming a one-time provisioning token, needs no sign-in).
/// </summary>
internal sealed record AdminAccessRequirement(AdminRole Reads, AdminRole Writes, bool ConnectorActions = false) : IAuthorizationRequirement;
