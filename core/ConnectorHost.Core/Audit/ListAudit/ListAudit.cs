using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Audit.ListAudit;

/// <summary>Audit entries, newest first, optionally for one entity type (e.g. "User") and id.</summary>
public sealed record ListAudit(int Page = 1, int PageSize = 50, string? EntityType = null, string? EntityId = null) : IQuery<Page<AuditEntryDto>>;

public sealed record AuditEntryDto(long Id, DateTime At, string Actor, string Action, string EntityType, string EntityId, string? Before, string? After);

internal sealed class ListAuditValidator : AbstractValidator<ListAudit>
{
    public ListAuditValidator(CoreOptions options)
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, options.MaxPageSize);
    }
}

internal sealed class ListAuditHandler(HostDbContext db) : IRequestHandler<ListAudit, Page<AuditEntryDto>>
{
    public async Task<Page<AuditEntryDto>> Handle(ListAudit request, CancellationToken cancellationToken)
    {
        IQueryable<AuditEntry> query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(request.EntityType))
        {
            query = query.Where(a => a.EntityType == request.EntityType);
        }
        if (!string.IsNullOrEmpty(request.EntityId))
        {
            query = query.Where(a => a.EntityId == request.EntityId);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.Id).Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Action, a.EntityType, a.EntityId, a.Before, a.After))
            .ToListAsync(cancellationToken);
        return new Page<AuditEntryDto>(items, request.Page, request.PageSize, total);
    }
}
