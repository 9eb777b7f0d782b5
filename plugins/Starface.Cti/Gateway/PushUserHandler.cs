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
        string? origin = null;
        int? createdId = null;
        if (existing is null)
        {
            var created = await starface.CreateUserAsync(desired, cancellationToken);
            if (created.Refusal is null)
            {
                createdId = created.Id
                    ?? (await FindByLoginAsync(core.Username, cancellationToken))?.Id
                    ?? throw new VendorUnavailableException($"STARFACE accepted user '{core.Username}' but does not list it.");
                origin = "created";
            }
            else
            {
                // Read the whole list back once before concluding (a search term may not cover logins): a user
                // with this login, created meanwhile or despite the error, is adopted.
                existing = (await starface.ListUsersAsync(null, cancellationToken)).FirstOrDefault(u => SameLogin(u.Login, core.Username))
                    ?? throw CreateRefused(core.Username, created.Refusal);
                origin = "adopted";
            }
        }
        var id = createdId ?? existing!.Id;
        var state = origin ?? "unchanged";
        if (existing is not null)
        {
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
                state = origin ?? "updated";
            }
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

    /// <summary>
    /// POST /rest/users was refused and the login is not listed. "Already exists" means an account this API user
    /// cannot see holds the login: retrying cannot help (dead-letter). A 500 otherwise is a server error (retried,
    /// up to the sync engine's attempts); a 200 "unexpected error" is a refusal of the data.
    /// </summary>
    private static Exception CreateRefused(string login, StarfaceError refusal) =>
        refusal.SaysAlreadyExists
            ? new VendorRejectedException($"STARFACE refused user '{login}': the login is already used by an account the connector's STARFACE user cannot see{refusal.Suffix}", 409)
            : refusal.Status == 500
                ? new VendorUnavailableException($"STARFACE answered HTTP 500 to POST /rest/users for '{login}'{refusal.Suffix}")
                : new VendorRejectedException($"STARFACE refused user '{login}' (HTTP {refusal.Status}, unexpected error){refusal.Suffix}", 422);

    private async Task<StarfaceUser?> FindByLoginAsync(string login, CancellationToken cancellationToken) =>
        (await starface.ListUsersAsync(login, cancellationToken))
            .FirstOrDefault(u => SameLogin(u.Login, login));

    private static bool SameLogin(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

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
        if (VendorJson.Number(config["primaryInternalNumberId"]) != number.Id)
        {
            config["primaryInternalNumberId"] = number.Id;
            await starface.PutPhoneNumberConfigAsync(userId, config, cancellationToken);
            changed = true;
        }
        return changed;
    }
}
