using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Roles.ListRoles;

/// <summary>Lists roles a page at a time; <see cref="Search"/> matches key, name and description; sorted by key (or '-key').</summary>
public sealed record ListRoles(int Page = 1, int PageSize = 50, string? Search = null, string? Sort = null) : IQuery<Page<RoleDto>>;

internal sealed class ListRolesValidator : AbstractValidator<ListRoles>
{
    private static readonly string[] SortKeys = ["key", "name"];

    public ListRolesValidator(CoreOptions options)
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, options.MaxPageSize);
        RuleFor(x => x.Sort!).Must(s => SortKeys.Contains(s.TrimStart('-'), StringComparer.OrdinalIgnoreCase))
            .WithMessage($"Sort must be one of {string.Join(", ", SortKeys)} (prefix '-' for descending).")
            .When(x => !string.IsNullOrEmpty(x.Sort));
        RuleFor(x => x.Search).SearchTerm();
    }
}

internal sealed class ListRolesHandler(HostDbContext db) : IRequestHandler<ListRoles, Page<RoleDto>>
{
    public async Task<Page<RoleDto>> Handle(ListRoles request, CancellationToken cancellationToken)
    {
        IQueryable<Role> query = db.Roles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = UsernameKey.Normalize(request.Search);
            query = query.Where(r => r.NormalizedKey.Contains(term) || r.Name.ToUpper().Contains(term) || (r.Description != null && r.Description.ToUpper().Contains(term)));
        }
        var total = await query.CountAsync(cancellationToken);
        var descending = request.Sort?.StartsWith('-') == true;
        query = request.Sort?.TrimStart('-').ToLowerInvariant() == "name"
            ? descending ? query.OrderByDescending(r => r.Name) : query.OrderBy(r => r.Name)
            : descending ? query.OrderByDescending(r => r.NormalizedKey) : query.OrderBy(r => r.NormalizedKey);
        var roles = await query.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
        var ids = roles.Select(r => r.Id).ToList();
        var composites = await db.RoleComposites.Where(c => ids.Contains(c.RoleId)).ToListAsync(cancellationToken);
        return new Page<RoleDto>(
            RoleDto.FromAll(roles, composites),
            request.Page, request.PageSize, total);
    }
}
