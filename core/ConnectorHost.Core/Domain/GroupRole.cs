namespace ConnectorHost.Core.Domain;

public sealed class GroupRole
{
    public Guid GroupId { get; set; }
    public Guid RoleId { get; set; }
}
