namespace ConnectorHost.Core.Access;

/// <summary>
/// Growing waits after wrong passwords: the first <see cref="FreeAttempts"/> cost nothing, then each further failure
/// locks the account for twice as long as the one before (30 s, 1 min, 2 min … at most 1 hour).
/// </summary>
internal static class Lockout
{
    public const int FreeAttempts = 5;
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public static TimeSpan? WaitAfter(int failures)
    {
        if (failures < FreeAttempts)
        {
            return null;
        }
        var doublings = Math.Min(failures - FreeAttempts, 10);
        var wait = First * Math.Pow(2, doublings);
        return wait > Longest ? Longest : wait;
    }
}
