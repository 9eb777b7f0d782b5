using System.Globalization;

namespace ConnectorHost.Sdk.Gateway;

/// <summary>
/// The cursor of <see cref="Requests.ListVendorUsers"/> for vendors that page by number: the text of the next page
/// number, starting at 1.
/// </summary>
public static class VendorPageCursor
{
    /// <summary>The page a cursor stands for: 1 for null; an <see cref="ArgumentException"/> for a cursor this scheme never issued.</summary>
    public static int Page(string? cursor) =>
        cursor is null ? 1
        : int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page
        : throw new ArgumentException($"'{cursor}' is not a cursor this connector returned.", nameof(cursor));

    /// <summary>The cursor of the page after <paramref name="page"/>, or null when <paramref name="more"/> is false (the last page).</summary>
    public static string? Next(int page, bool more) => more ? (page + 1).ToString(CultureInfo.InvariantCulture) : null;
}
