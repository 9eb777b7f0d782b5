namespace ConnectorHost.Core.Imports;

/// <summary>
/// Where uploaded import files wait for their job: a folder next to the database file, so a job interrupted by a
/// restart still finds its file. A file is deleted when its job ends.
/// </summary>
public sealed class ImportFiles(string folder)
{
    public string Folder { get; } = folder;

    public static ImportFiles ForDatabase(string connectionString)
    {
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = string.IsNullOrEmpty(dataSource) || dataSource == ":memory:"
            ? Path.Combine(Path.GetTempPath(), "connectorhost-imports")
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? ".", "imports");
        return new ImportFiles(folder);
    }

    public string PathFor(Guid jobId) => Path.Combine(Folder, $"{jobId:N}.upload");

    public async Task<string> SaveAsync(Guid jobId, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var path = PathFor(jobId);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
        {
            await content.CopyToAsync(file, cancellationToken);
            // The job row refers to this file once committed: the bytes must be on disk first.
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover upload is harmless; the next start of the job is not affected.
        }
    }
}
