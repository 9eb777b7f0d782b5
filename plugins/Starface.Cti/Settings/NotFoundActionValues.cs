namespace Starface.Cti.Settings;

internal static class NotFoundActionValues
{
    public const string None = "none";
    public const string NewContact = "new-contact";
    public const string FilteredList = "filtered-list";
}
