namespace ConnectorHost.Core.Domain;

public sealed class UserGroup
{
    public Guid UserId { get; set; }
    public Guid GroupId { get; set; }
}
