using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Sync.DeadLetters;

public sealed record DeadLetterDto(long Id, string ConnectorId, string EntityType, Guid EntityId, string Operation, int Attempts, DateTime CreatedAt, DateTime? FailedAt, string? LastError);

/// <summary>Dead-letter jobs, newest first, optionally of one connector.</summary>
public sealed record ListDeadLetters(string? ConnectorId = null, int Page = 1, int PageSize = 50) : IQuery<Page<DeadLetterDto>>;

/// <summary>Puts dead-letter jobs back in the queue (all of a connector when <see cref="JobIds"/> is empty); returns how many.</summary>
public sealed record RetryDeadLetters(string? ConnectorId, IReadOnlyList<long> JobIds) : ICommand<int>;

/// <summary>Drops dead-letter jobs for good; returns how many.</summary>
public sealed record DiscardDeadLetters(string? ConnectorId, IReadOnlyList<long> JobIds) : ICommand<int>;

internal sealed class ListDeadLettersValidator : AbstractValidator<ListDeadLetters>
{
    public ListDeadLettersValidator(CoreOptions options)
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, options.MaxPageSize);
    }
}

internal sealed class RetryDeadLettersValidator : AbstractValidator<RetryDeadLetters>
{
    public RetryDeadLettersValidator() =>
        RuleFor(x => x.ConnectorId).NotEmpty().When(x => x.JobIds.Count == 0).WithMessage("Name a connector or list job ids.");
}

internal sealed class DiscardDeadLettersValidator : AbstractValidator<DiscardDeadLetters>
{
    public DiscardDeadLettersValidator() =>
        RuleFor(x => x.ConnectorId).NotEmpty().When(x => x.JobIds.Count == 0).WithMessage("Name a connector or list job ids.");
}

internal sealed class DeadLettersHandler(HostDbContext db, TimeProvider time)
    : IRequestHandler<ListDeadLetters, Page<DeadLetterDto>>, IRequestHandler<RetryDeadLetters, int>, IRequestHandler<DiscardDeadLetters, int>
{
    public async Task<Page<DeadLetterDto>> Handle(ListDeadLetters request, CancellationToken cancellationToken)
    {
        var query = Select(request.ConnectorId, []);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(j => j.Id).Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
        return new Page<DeadLetterDto>(
            items.Select(j => new DeadLetterDto(j.Id, j.ConnectorId, j.EntityType.ToString(), j.EntityId, j.Operation.ToString(), j.Attempts, j.CreatedAt, j.CompletedAt, j.LastError)).ToList(),
            request.Page, request.PageSize, total);
    }

    public async Task<int> Handle(RetryDeadLetters request, CancellationToken cancellationToken)
    {
        var jobs = await Select(request.ConnectorId, request.JobIds).ToListAsync(cancellationToken);
        RequireAll(request.JobIds, jobs);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var job in jobs)
        {
            job.Status = SyncJobStatus.Pending;
            job.Attempts = 0;
            job.NextAttemptAt = now;
            job.CompletedAt = null;
        }
        // An admin retrying after fixing credentials should not wait out the pause.
        foreach (var connectorId in jobs.Select(j => j.ConnectorId).Distinct())
        {
            await ConnectorStates.ClearPauseAsync(db, connectorId, now);
        }
        return jobs.Count;
    }

    public async Task<int> Handle(DiscardDeadLetters request, CancellationToken cancellationToken)
    {
        var jobs = await Select(request.ConnectorId, request.JobIds).ToListAsync(cancellationToken);
        RequireAll(request.JobIds, jobs);
        jobs.ForEach(j =>
        {
            j.Status = SyncJobStatus.Discarded;
            j.Snapshot = null;
        });
        return jobs.Count;
    }

    private IQueryable<SyncJob> Select(string? connectorId, IReadOnlyList<long> ids)
    {
        var query = db.SyncJobs.Where(j => j.Status == SyncJobStatus.DeadLetter);
        if (!string.IsNullOrEmpty(connectorId))
        {
            query = query.Where(j => j.ConnectorId == connectorId);
        }
        if (ids.Count > 0)
        {
            query = query.Where(j => ids.Contains(j.Id));
        }
        return query;
    }

    private static void RequireAll(IReadOnlyList<long> requested, List<SyncJob> found)
    {
        var missing = requested.Except(found.Select(j => j.Id)).ToList();
        if (missing.Count > 0)
        {
            throw new NotFoundException("Dead-letter job", string.Join(", ", missing));
        }
    }
}
