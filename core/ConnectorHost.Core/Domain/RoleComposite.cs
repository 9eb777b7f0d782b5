namespace ConnectorHost.Core.Domain;

/// <summary>A composite role includes the roles it points at.</summary>
public sealed class RoleComposite
{
    public Guid RoleId { get; set; }
    public Guid IncludedRoleId { get; set; }
}
