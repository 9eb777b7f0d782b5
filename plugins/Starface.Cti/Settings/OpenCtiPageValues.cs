namespace Starface.Cti.Settings;

internal static class OpenCtiPageValues
{
    public const string Incoming = "incoming";
    public const string Outgoing = "outgoing";
    public const string Both = "both";
    public const string Never = "never";
}
