namespace ConnectorHost.Core.Domain;

/// <summary>The states of an <see cref="ImportJob"/>; stored as these lower-case words.</summary>
public static class ImportJobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinished(string state) => state is Succeeded or Failed or Cancelled;
}
