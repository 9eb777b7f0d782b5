using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using MediatR;
using Starface.Cti.Users;

namespace Starface.Cti.Gateway;

/// <summary>
/// Pages through the STARFACE users for reconciliation. GET /rest/users returns the whole list, so the cursor
/// is an offset into it (ordered by STARFACE id); fields are keyed like the user projection.
/// </summary>
internal sealed class ListVendorUsersHandler(StarfaceApiClient starface) : IRequestHandler<ListVendorUsers, VendorUserPage>
{
    private const int MaxPageSize = 500;

    public async Task<VendorUserPage> Handle(ListVendorUsers request, CancellationToken cancellationToken)
    {
        var offset = 0;
        if (request.Cursor is not null && (!int.TryParse(request.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw new VendorRejectedException($"'{request.Cursor}' is not a cursor this connector issued.");
        }
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);

        var all = (await starface.ListUsersAsync(null, cancellationToken)).OrderBy(u => u.Id).ToList();
        var page = all.Skip(offset).Take(size).ToList();
        var internalNumbers = (await starface.ListPhoneNumbersAsync("INTERNAL", cancellationToken))
            .Where(n => n.AssignedUserAccountId is not null)
            .ToLookup(n => n.AssignedUserAccountId!.Value);

        var items = new List<VendorUser>();
        foreach (var user in page)
        {
            var fields = new JsonObject();
            foreach (var key in StarfaceUserMapping.OwnedFields)
            {
                fields[key] = user.Json[key]?.DeepClone();
            }
            fields["internalNumber"] = await PrimaryInternalNumberAsync(user.Id, internalNumbers[user.Id].ToList(), cancellationToken);
            items.Add(new VendorUser(user.Id.ToString(CultureInfo.InvariantCulture), user.Login, fields));
        }

        var next = offset + page.Count;
        return new VendorUserPage(items, next < all.Count ? next.ToString(CultureInfo.InvariantCulture) : null);
    }

    private async Task<string?> PrimaryInternalNumberAsync(int userId, IReadOnlyList<StarfacePhoneNumber> assigned, CancellationToken cancellationToken)
    {
        switch (assigned.Count)
        {
            case 0:
                return null;
            case 1:
                return assigned[0].Number;
            default:
                // Only when a user has several internal numbers is the per-user config needed to tell the primary one.
                var config = await starface.GetPhoneNumberConfigAsync(userId, cancellationToken);
                var primary = VendorJson.Number(config["primaryInternalNumberId"]);
                return (assigned.FirstOrDefault(n => n.Id == primary) ?? assigned.OrderBy(n => n.Id).First()).Number;
        }
    }
}
