using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Sdk;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Groups.CreateGroup;

public sealed record CreateGroup(string Key, string Name, Guid? ParentId = null, IReadOnlyDictionary<string, string>? Attributes = null) : ICommand<GroupDto>;

internal sealed class CreateGroupValidator : AbstractValidator<CreateGroup>
{
    public CreateGroupValidator()
    {
        RuleFor(x => x.Key).ValidKey();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
    }
}

internal sealed class CreateGroupHandler(HostDbContext db, PendingNotifications notifications) : MediatR.IRequestHandler<CreateGroup, GroupDto>
{
    public async Task<GroupDto> Handle(CreateGroup request, CancellationToken cancellationToken)
    {
        var normalized = UsernameKey.Normalize(request.Key);
        if (await db.Groups.AnyAsync(g => g.NormalizedKey == normalized, cancellationToken))
        {
            throw new ConflictException($"Group key '{request.Key.Trim()}' is already taken.", [new("key", "Group key is already taken.")]);
        }
        await GroupTree.CheckParentAsync(db, null, request.ParentId, cancellationToken);
        var now = DateTime.UtcNow;
        var group = new Group
        {
            Id = Guid.NewGuid(),
            Key = UsernameKey.Canonical(request.Key),
            NormalizedKey = normalized,
            Name = request.Name.Trim(),
            ParentId = request.ParentId,
            Attributes = new Dictionary<string, string>(request.Attributes ?? new Dictionary<string, string>()),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Groups.Add(group);
        notifications.Add(new GroupChanged(ChangeKind.Created, GroupSnapshots.From(group)));
        return GroupDto.From(group);
    }
}
