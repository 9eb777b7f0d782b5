using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using MediatR;
using Starface.Cti.Groups;
using Starface.Cti.Settings;
using Starface.Cti.Users;

namespace Starface.Cti.Gateway;

/// <summary>
/// Creates, updates or deletes the STARFACE user of a core user. Idempotent: a known vendor id is used first;
/// without one (or when STARFACE no longer knows it) the user is looked up by login before anything is created.
/// CTI-active users also get their extension assigned as primary internal number, and the user's memberships in
/// the STARFACE groups of CTI groups are made to follow its effective CTI group (so a CTI group used only through
/// users' own setting reaches STARFACE too).
/// </summary>
internal sealed class PushUserHandler(StarfaceApiClient starface, CtiGroupStore groups, CtiUserDirectory users, StarfaceCtiGroups starfaceGroups)
    : IRequestHandler<PushUser, PushResult>
{
    public async Task<PushResult> Handle(PushUser request, CancellationToken cancellationToken)
    {
        var core = request.User.User;
        var existing = await FindAsync(request.VendorId, core.Username, cancellationToken);

        if (request.Operation == PushOperation.Delete)
        {
            if (existing is null)
            {
                return new PushResult(null, "absent");
            }
            return new PushResult(null, await starface.DeleteUserAsync(existing.Id, cancellationToken) ? "deleted" : "absent");
        }

        var missing = StarfaceUserMapping.MissingRequiredFields(core);
        if (missing.Count > 0)
        {
            throw new VendorRejectedException($"STARFACE requires {string.Join(", ", missing)} for user '{core.Username}'.");
        }

        var desired = StarfaceUserMapping.UserBody(core);
        int id;
        string state;
        if (existing is null)
        {
            id = await starface.CreateUserAsync(desired, cancellationToken)
                ?? (await FindByLoginAsync(core.Username, cancellationToken))?.Id
                ?? throw new VendorUnavailableException($"STARFACE accepted user '{core.Username}' but does not list it.");
            state = "created";
        }
        else
        {
            id = existing.Id;
            var merged = (JsonObject)existing.Json.DeepClone();
            var changed = false;
            foreach (var field in StarfaceUserMapping.OwnedFields)
            {
                if (!JsonNode.DeepEquals(merged[field], desired[field]))
                {
                    merged[field] = desired[field]!.DeepClone();
                    changed = true;
                }
            }
            if (changed)
            {
                merged["id"] = id;
                // A fetched user has an empty password field; sending it back could be read as "set this password".
                merged.Remove("password");
                await starface.UpdateUserAsync(id, merged, cancellationToken);
            }
            state = changed ? "updated" : "unchanged";
        }

        var internalNumber = StarfaceUserMapping.InternalNumberOf(CtiUserSettings.From(request.User.Settings));
        if (internalNumber is not null && await EnsureInternalNumberAsync(id, internalNumber, cancellationToken) && state == "unchanged")
        {
            state = "updated";
        }

        var ctiGroups = await groups.ListAsync(cancellationToken);
        if (ctiGroups.Count > 0)
        {
            var ctiUser = await users.DescribeAsync(request.User, cancellationToken);
            if (await starfaceGroups.AlignMembershipAsync(id, ctiUser, ctiGroups, cancellationToken) && state == "unchanged")
            {
                state = "updated";
            }
        }
        return new PushResult(id.ToString(CultureInfo.InvariantCulture), state);
    }

    private async Task<StarfaceUser?> FindAsync(string? vendorId, string login, CancellationToken cancellationToken)
    {
        if (int.TryParse(vendorId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await starface.GetUserAsync(id, cancellationToken) is { } known)
        {
            return known;
        }
        return await FindByLoginAsync(login, cancellationToken);
    }

    private async Task<StarfaceUser?> FindByLoginAsync(string login, CancellationToken cancellationToken) =>
        (await starface.ListUsersAsync(login, cancellationToken))
            .FirstOrDefault(u => string.Equals(u.Login, login, StringComparison.OrdinalIgnoreCase));

    /// <summary>Assigns the extension (an existing STARFACE internal number) and makes it primary; true when something changed.</summary>
    private async Task<bool> EnsureInternalNumberAsync(int userId, string extension, CancellationToken cancellationToken)
    {
        var numbers = await starface.ListPhoneNumbersAsync("INTERNAL", cancellationToken);
        var number = numbers.FirstOrDefault(n => n.Number == extension)
            ?? throw new VendorRejectedException($"STARFACE has no internal number {extension}; add it to a number block before pushing this user.");
        if (number.AssignedGroupAccountId is not null || number.AssignedUserAccountId is { } owner && owner != userId)
        {
            throw new VendorRejectedException($"STARFACE internal number {extension} is already assigned to another account.", 409);
        }

        var changed = false;
        if (number.AssignedUserAccountId != userId)
        {
            var serviceId = await starface.DefaultCallServiceIdAsync(cancellationToken);
            await starface.AssignPhoneNumberAsync(userId, number.Id, serviceId, cancellationToken);
            changed = true;
        }

        var config = await starface.GetPhoneNumberConfigAsync(userId, cancellationToken);
        if (VendorHttp.Number(config["primaryInternalNumberId"]) != number.Id)
        {
            config["primaryInternalNumberId"] = number.Id;
            await starface.PutPhoneNumberConfigAsync(userId, config, cancellationToken);
            changed = true;
        }
        return changed;
    }
}
