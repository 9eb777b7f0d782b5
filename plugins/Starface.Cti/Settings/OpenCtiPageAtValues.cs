namespace Starface.Cti.Settings;

internal static class OpenCtiPageAtValues
{
    public const string Ringing = "ringing";
    public const string Answered = "answered";
    public const string Ended = "ended";
}
