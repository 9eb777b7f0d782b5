using System.Text;
using Starface.Cti.Settings;

namespace Starface.Cti.ScreenPop;

/// <summary>
/// Business Central web client deep links:
/// <c>https://businesscentral.dynamics.com/{tenant}/{environment}/?company={name}&amp;page={id}&amp;filter='{field}' IS '{value}'</c>.
/// </summary>
internal sealed class WebClientLink(StarfaceCtiOptions options)
{
    /// <summary>Contact Card, the page the vendor lists for contacts.</summary>
    public const int ContactCardPage = 5050;

    /// <summary>Contact List, for "open the list page filtered by the number" on the contacts CTI page.</summary>
    public const int ContactListPage = 5052;

    /// <summary>Customer List (the vendor's "Customers (22)").</summary>
    public const int CustomerListPage = 22;

    /// <summary>Vendor List (the vendor's "Vendors (27)").</summary>
    public const int VendorListPage = 27;

    public static int PageOf(CtiPage page) => page switch
    {
        CtiPage.Customers => CustomerListPage,
        CtiPage.Vendors => VendorListPage,
        _ => ContactCardPage,
    };

    public static int ListPageOf(CtiPage page) => page switch
    {
        CtiPage.Customers => CustomerListPage,
        CtiPage.Vendors => VendorListPage,
        _ => ContactListPage,
    };

    /// <summary>
    /// A link to <paramref name="page"/> filtered on <paramref name="field"/>; <paramref name="create"/> opens a new
    /// record. Microsoft documents <c>IS</c> only as equality and no prefill in Create mode: the web client is seen
    /// to accept <c>|</c> and <c>*</c> in the value and to prefill a new record from the filter, so every such link
    /// comes with <see cref="Plain"/> as a fallback.
    /// </summary>
    public string Build(int page, string field, string value, bool create = false) =>
        Plain(page, create) + "&filter=" + Uri.EscapeDataString(Filter(field, value));

    /// <summary>A link with only the documented parameters (company, page, mode): opens the page without a filter.</summary>
    public string Plain(int page, bool create = false)
    {
        var link = new StringBuilder(options.WebClientBaseUrl.AbsoluteUri.TrimEnd('/'))
            .Append('/').Append(Uri.EscapeDataString(options.TenantId))
            .Append('/').Append(Uri.EscapeDataString(options.Environment))
            .Append("/?company=").Append(Uri.EscapeDataString(options.CompanyName))
            .Append("&page=").Append(page);
        if (create)
        {
            link.Append("&mode=Create");
        }
        return link.ToString();
    }

    /// <summary>The web client filter text, e.g. <c>'No.' IS '10000|20000'</c>; quotes inside values are doubled.</summary>
    public static string Filter(string field, string value) =>
        $"'{field.Replace("'", "''", StringComparison.Ordinal)}' IS '{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
