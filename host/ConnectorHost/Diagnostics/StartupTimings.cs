using System.Diagnostics;

namespace ConnectorHost.Diagnostics;

/// <summary>
/// With <c>CONNECTORHOST_STARTUP_TIMINGS=1</c> the host prints, on standard error, how long after process start each
/// phase of its start ended: how start-up work was traced for docs/performance.md. Silent otherwise.
/// </summary>
internal static class StartupTimings
{
    public const string Variable = "CONNECTORHOST_STARTUP_TIMINGS";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";

    public static void Mark(string phase)
    {
        if (Enabled)
        {
            var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
            Console.Error.WriteLine($"startup: {phase,-28} {sinceStart.TotalMilliseconds,7:0} ms");
        }
    }
}
