using ConnectorHost.Core.Domain;
using Microsoft.AspNetCore.Authorization;

namespace ConnectorHost.Access;

/// <summary>
/// Every authorization policy, declared once. Endpoints get them by route group in <c>HostApp</c>; an endpoint nobody
/// gave a policy gets <see cref="Operate"/> through the fallback policy, so a new endpoint is protected without edits.
/// </summary>
internal static class AccessPolicies
{
    /// <summary>Any signed-in role reads; operators and administrators change (users, groups, roles, sync, and the fallback).</summary>
    public const string Operate = "operate";

    /// <summary>Administrators only, reads included: admin accounts and API keys.</summary>
    public const string Administer = "administer";

    /// <summary>Like <see cref="Operate"/>, but connector actions are judged by their descriptor (reads, connector-wide changes, anonymous one-time-token actions).</summary>
    public const string ConnectorActions = "connector-actions";

    /// <summary>Any signed-in role, whatever the method: the own session (sign-out, who am I).</summary>
    public const string SignedIn = "signed-in";

    public static void Add(AuthorizationOptions options)
    {
        var operate = Policy(new AdminAccessRequirement(AdminRole.ReadOnly, AdminRole.Operator));
        options.AddPolicy(Operate, operate);
        options.AddPolicy(Administer, Policy(new AdminAccessRequirement(AdminRole.Administrator, AdminRole.Administrator)));
        options.AddPolicy(ConnectorActions, Policy(new AdminAccessRequirement(AdminRole.ReadOnly, AdminRole.Operator, ConnectorActions: true)));
        options.AddPolicy(SignedIn, Policy(new AdminAccessRequirement(AdminRole.ReadOnly, AdminRole.ReadOnly)));
        options.DefaultPolicy = operate;
        options.FallbackPolicy = operate;
    }

    private static AuthorizationPolicy Policy(AdminAccessRequirement requirement) =>
        new AuthorizationPolicyBuilder(AccessSchemes.Default).AddRequirements(requirement).Build();
}
