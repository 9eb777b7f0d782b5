using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;

namespace ConnectorHost.Core.Groups.UpdateGroup;

/// <summary>Replaces a group's name, parent and attributes (the key changes only through RenameGroup; <see cref="Key"/>, when sent back, must equal the stored one).</summary>
public sealed record UpdateGroup(Guid Id, VersionCondition? ExpectedVersion, string Name, Guid? ParentId = null, IReadOnlyDictionary<string, string>? Attributes = null, string? Key = null) : ICommand<GroupDto>;

internal sealed class UpdateGroupValidator : AbstractValidator<UpdateGroup>
{
    public UpdateGroupValidator() => RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
}

internal sealed class UpdateGroupHandler(HostDbContext db, PendingNotifications notifications) : MediatR.IRequestHandler<UpdateGroup, GroupDto>
{
    public async Task<GroupDto> Handle(UpdateGroup request, CancellationToken cancellationToken)
    {
        var group = await db.Groups.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("Group", request.Id);
        VersionGuard.Check("Group", request.Id, request.ExpectedVersion, group.Version);
        ReadOnlyMembers.RequireUnchanged("key", request.Key is null ? null : UsernameKey.Canonical(request.Key), group.Key, "rename the group to change it.");
        await GroupTree.CheckParentAsync(db, group.Id, request.ParentId, cancellationToken);
        group.Name = request.Name.Trim();
        group.ParentId = request.ParentId;
        group.Attributes = new Dictionary<string, string>(request.Attributes ?? new Dictionary<string, string>());
        group.MarkChanged();
        notifications.Add(new GroupChanged(ChangeKind.Updated, GroupSnapshots.From(group)));
        return GroupDto.From(group);
    }
}
