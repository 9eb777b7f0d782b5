using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Groups.RenameGroup;

/// <summary>Changes a group's unique key.</summary>
public sealed record RenameGroup(Guid Id, VersionCondition? ExpectedVersion, string Key) : ICommand<GroupDto>;

internal sealed class RenameGroupValidator : AbstractValidator<RenameGroup>
{
    public RenameGroupValidator() => RuleFor(x => x.Key).ValidKey();
}

internal sealed class RenameGroupHandler(HostDbContext db, PendingNotifications notifications) : MediatR.IRequestHandler<RenameGroup, GroupDto>
{
    public async Task<GroupDto> Handle(RenameGroup request, CancellationToken cancellationToken)
    {
        var group = await db.Groups.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("Group", request.Id);
        VersionGuard.Check("Group", request.Id, request.ExpectedVersion, group.Version);
        var normalized = UsernameKey.Normalize(request.Key);
        if (normalized != group.NormalizedKey && await db.Groups.AnyAsync(g => g.NormalizedKey == normalized, cancellationToken))
        {
            throw new ConflictException($"Group key '{request.Key.Trim()}' is already taken.", [new("key", "Group key is already taken.")]);
        }
        group.Key = UsernameKey.Canonical(request.Key);
        group.NormalizedKey = normalized;
        group.MarkChanged();
        notifications.Add(new GroupChanged(ChangeKind.Updated, GroupSnapshots.From(group)));
        return GroupDto.From(group);
    }
}
