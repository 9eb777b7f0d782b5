using ConnectorHost.Core.Imports;

namespace ConnectorHost.Imports;

/// <summary>
/// Which process runs an import job: whoever holds an exclusive lock on the job's lock file in the imports folder. The
/// operating system drops the lock when its process ends, even by SIGKILL, so a server resumes a "running" job only
/// when nobody is running it (a CLI import in another process keeps its lock until it ends). The file of a job that
/// ended goes with the lock; a job left to resume keeps it, so a second process can never lock a fresh file beside it.
/// </summary>
internal sealed class ImportJobLock : IAsyncDisposable
{
    private readonly FileStream _held;
    private readonly string _path;
    private bool _jobEnded;

    private ImportJobLock(FileStream held, string path)
    {
        _held = held;
        _path = path;
    }

    /// <summary>The held lock (dispose to release), or null when another process runs the job.</summary>
    public static ImportJobLock? TryTake(ImportFiles files, Guid jobId)
    {
        Directory.CreateDirectory(files.Folder);
        var path = Path.Combine(files.Folder, $"{jobId:N}.lock");
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a share lock on Windows.
            return new ImportJobLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The job has ended (or never started): nobody will run it again, so releasing also removes the file.</summary>
    public void JobEnded() => _jobEnded = true;

    public async ValueTask DisposeAsync()
    {
        await _held.DisposeAsync();
        if (_jobEnded)
        {
            try
            {
                File.Delete(_path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process opened it meanwhile, or the folder became read-only (it finds the job ended); a leftover lock file is harmless.
            }
        }
    }
}
