using ConnectorHost.Core.Imports;

namespace ConnectorHost.Imports;

/// <summary>
/// Which process runs an import job: whoever holds an exclusive lock on the job's lock file in the imports folder. The
/// operating system drops the lock when its process ends, even by SIGKILL, so a server resumes a "running" job only
/// when nobody is running it (a CLI import in another process keeps its lock until it ends).
/// </summary>
internal static class ImportJobLock
{
    /// <summary>The held lock (dispose to release), or null when another process runs the job.</summary>
    public static FileStream? TryTake(ImportFiles files, Guid jobId)
    {
        Directory.CreateDirectory(files.Folder);
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a share lock on Windows.
            return new FileStream(Path.Combine(files.Folder, $"{jobId:N}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
