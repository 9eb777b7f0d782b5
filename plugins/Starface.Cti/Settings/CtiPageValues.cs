namespace Starface.Cti.Settings;

internal static class CtiPageValues
{
    public const string Contacts = "contacts";
    public const string Customers = "customers";
    public const string Vendors = "vendors";
}
