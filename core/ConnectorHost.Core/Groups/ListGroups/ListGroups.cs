using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Groups.ListGroups;

/// <summary>Lists groups a page at a time; <see cref="Search"/> matches key and name; <see cref="Sort"/>: key, name, createdAt (prefix '-' for descending).</summary>
public sealed record ListGroups(int Page = 1, int PageSize = 50, string? Search = null, string? Sort = null) : IQuery<Page<GroupDto>>;

internal sealed class ListGroupsValidator : AbstractValidator<ListGroups>
{
    private static readonly string[] SortKeys = ["key", "name", "createdAt"];

    public ListGroupsValidator(CoreOptions options)
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, options.MaxPageSize);
        RuleFor(x => x.Sort!).Must(s => SortKeys.Contains(s.TrimStart('-'), StringComparer.OrdinalIgnoreCase))
            .WithMessage($"Sort must be one of {string.Join(", ", SortKeys)} (prefix '-' for descending).")
            .When(x => !string.IsNullOrEmpty(x.Sort));
        RuleFor(x => x.Search).SearchTerm();
    }
}

internal sealed class ListGroupsHandler(HostDbContext db) : IRequestHandler<ListGroups, Page<GroupDto>>
{
    public async Task<Page<GroupDto>> Handle(ListGroups request, CancellationToken cancellationToken)
    {
        IQueryable<Group> query = db.Groups.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = UsernameKey.Normalize(request.Search);
            query = query.Where(g => g.NormalizedKey.Contains(term) || g.Name.ToUpper().Contains(term));
        }
        var total = await query.CountAsync(cancellationToken);
        var descending = request.Sort?.StartsWith('-') == true;
        query = request.Sort?.TrimStart('-').ToLowerInvariant() switch
        {
            "name" => descending ? query.OrderByDescending(g => g.Name) : query.OrderBy(g => g.Name),
            "createdat" => descending ? query.OrderByDescending(g => g.CreatedAt) : query.OrderBy(g => g.CreatedAt),
            _ => descending ? query.OrderByDescending(g => g.NormalizedKey) : query.OrderBy(g => g.NormalizedKey),
        };
        var items = await query.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
        return new Page<GroupDto>(items.Select(GroupDto.From).ToList(), request.Page, request.PageSize, total);
    }
}
