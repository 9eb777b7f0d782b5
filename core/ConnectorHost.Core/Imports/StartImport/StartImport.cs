using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Imports.UserFiles;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Core.Pipeline;
using FluentValidation;

namespace ConnectorHost.Core.Imports.StartImport;

/// <summary>
/// Queues an import of a user file. The file's encoding and header are checked at once (a bad header is a 400 naming
/// it, not a failed job); the rows are imported in the background by the import worker.
/// </summary>
/// <param name="FilePath">The file on disk: an upload saved with <see cref="ImportFiles"/>, or the CLI's own file.</param>
public sealed record StartImport(Guid JobId, string FileName, string FilePath, string Mode, bool DryRun, string? Format) : ICommand<ImportJobDto>;

internal sealed class StartImportValidator : AbstractValidator<StartImport>
{
    public StartImportValidator()
    {
        RuleFor(x => x.Mode).Must(m => ImportMode.All.Contains(m)).WithMessage(x => $"'{x.Mode}' is not a mode; use {string.Join(", ", ImportMode.All)}.");
        RuleFor(x => x.FileName).NotEmpty().MaximumLength(260);
    }
}

internal sealed class StartImportHandler(HostDbContext db, IConnectorCatalog catalog, ICurrentActor actor, TimeProvider time)
    : MediatR.IRequestHandler<StartImport, ImportJobDto>
{
    public Task<ImportJobDto> Handle(StartImport request, CancellationToken cancellationToken)
    {
        UserFileLayout layout;
        try
        {
            layout = UserFileLayout.For(catalog, request.Format);
        }
        catch (UserFileException e)
        {
            throw new ValidationFailedException([new("format", e.Message)]);
        }
        try
        {
            // Reads the header only (and checks the encoding): rows are the job's business.
            using var reader = new UserFileReader(request.FilePath, layout);
        }
        catch (UserFileException e)
        {
            throw new ValidationFailedException([new("file", e.Message)]);
        }
        var job = new ImportJob
        {
            Id = request.JobId,
            Mode = request.Mode,
            DryRun = request.DryRun,
            Format = layout.Format,
            FileName = request.FileName,
            FilePath = request.FilePath,
            Actor = actor.Name,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ImportJobs.Add(job);
        return Task.FromResult(ImportJobDto.From(job, null));
    }
}
