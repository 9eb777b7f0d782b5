using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Settings;
using MediatR;

namespace Connectel.Users;

/// <summary>
/// Connectel's rules on top of the schema: e-mail, username (shape, suggestion, uniqueness), a profile for role
/// User, the password policy, the internal number (auto-assigned from the configured range inside the host's write
/// transaction, so concurrent creations never collide; or given by hand, unique), Asterisk group syntax, and the
/// values only Connectel reports. A clash with another user alone is a conflict (409).
/// </summary>
internal sealed class ValidateConnectelUser(IDirectoryReader directory, ConnectelOptions options)
    : IRequestHandler<ValidateUserSettings, SettingsValidation>
{
    public async Task<SettingsValidation> Handle(ValidateUserSettings request, CancellationToken cancellationToken)
    {
        var context = request.User;
        var proposed = (JsonObject)context.Settings.DeepClone();
        var previous = request.Previous;
        var errors = new List<FieldError>();
        var conflicts = new List<FieldError>();
        var warnings = new List<FieldWarning>();
        // Other users through the host's index only: "is it taken" per value, the values in use for the auto-assigned
        // number and the pickup warning; no rule reads every user's settings, so a bulk import's row costs alike throughout.
        var others = new OtherUsers(directory, context.User.Id, cancellationToken);

        if (string.IsNullOrWhiteSpace(context.User.Email))
        {
            errors.Add(new FieldError("email", "Connectel needs an e-mail address for every user; give the core user one first.") { Code = FieldErrorCodes.RequiredByConnector });
        }

        await CheckUsernameAsync(context, proposed, previous, others, errors, conflicts);
        KeepVendorValues(proposed, previous, errors);

        var settings = ConnectelUserSettings.Of(context with { Settings = proposed });
        if (settings.IsUserRole && settings.UserProfile is null)
        {
            errors.Add(new FieldError(ConnectelSchema.UserProfile,
                "Role User needs a user profile (it decides what the user may do); choose one, or give the user a core role whose Connectel settings name one.") { Code = FieldErrorCodes.Required });
        }
        if (!settings.IsUserRole && proposed[ConnectelSchema.UserProfile] is not null)
        {
            warnings.Add(new FieldWarning(ConnectelSchema.UserProfile, "Role Admin has full access; the user profile has no effect.", FieldWarningCodes.HiddenField));
        }

        CheckPassword(settings.Password, previous, errors);
        await CheckInternalNumberAsync(proposed, previous, others, errors, conflicts);
        await CheckGroupsAsync(proposed, others, errors, warnings);

        var all = errors.Concat(conflicts).ToList();
        return all.Count > 0
            ? SettingsValidation.Refused(all)
            : new SettingsValidation([], JsonNode.Parse(proposed.ToJsonString())!.AsObject()) { Warnings = warnings };
    }

    private static async Task CheckUsernameAsync(ConnectorHost.Sdk.Model.UserContext context, JsonObject proposed, JsonObject? previous,
        OtherUsers others, List<FieldError> errors, List<FieldError> conflicts)
    {
        Task<string> Suggestion() => ConnectelUsername.SuggestAsync(context.User, name => others.IsTakenAsync(ConnectelSchema.Username, name));
        var username = proposed[ConnectelSchema.Username]?.GetValue<string>();
        if (username is null)
        {
            // Suggested once, then stored: renaming the core user later keeps the Connectel login.
            proposed[ConnectelSchema.Username] = await Suggestion();
            return;
        }
        if (username != previous?[ConnectelSchema.Username]?.GetValue<string>() && !ConnectelUsername.IsValid(username))
        {
            var repaired = ConnectelUsername.Repair(username);
            var suggestion = repaired.Length > 0 && ConnectelUsername.IsValid(repaired) ? repaired : await Suggestion();
            errors.Add(new FieldError(ConnectelSchema.Username,
                $"Username '{username}' may only contain lowercase letters, digits and dots (Connectel); use '{suggestion}'.") { Code = FieldErrorCodes.Format });
            return;
        }
        if (await others.HolderAsync(ConnectelSchema.Username, username) is { } holder)
        {
            conflicts.Add(new FieldError(ConnectelSchema.Username,
                $"Username '{username}' is already used by {holder.User.DisplayName}; use '{await Suggestion()}'.") { Code = FieldErrorCodes.Conflict });
        }
    }

    /// <summary>Locked and the last password reset come from Connectel: an admin cannot set them, and a PUT without them keeps them.</summary>
    private static void KeepVendorValues(JsonObject proposed, JsonObject? previous, List<FieldError> errors)
    {
        foreach (var key in new[] { ConnectelSchema.Locked, ConnectelSchema.LastPasswordReset })
        {
            var before = previous?[key];
            var sent = proposed[key];
            if (sent is not null && !JsonNode.DeepEquals(sent, before))
            {
                errors.Add(new FieldError(key, $"'{key}' is reported by Connectel and cannot be set here{(key == ConnectelSchema.Locked ? "; use the unlock action" : "")}.") { Code = FieldErrorCodes.ReadOnly });
            }
            proposed.Remove(key);
            if (before is not null)
            {
                proposed[key] = before.DeepClone();
            }
        }
    }

    private void CheckPassword(string? password, JsonObject? previous, List<FieldError> errors)
    {
        if (password is null)
        {
            if (previous is null)
            {
                errors.Add(new FieldError(ConnectelSchema.Password,
                    "Connectel needs an initial password to create the user (at least 8 characters; the user changes it at first login).") { Code = FieldErrorCodes.Required });
            }
            return;
        }
        if (options.SecuritySuite && PasswordRules.MissingForStrong(password) is { Count: > 0 } missing)
        {
            // The message never repeats the password.
            errors.Add(new FieldError(ConnectelSchema.Password,
                $"With the Security Suite on, the password needs {string.Join(", ", missing)}.") { Code = FieldErrorCodes.Format });
        }
    }

    private async Task CheckInternalNumberAsync(JsonObject proposed, JsonObject? previous, OtherUsers others,
        List<FieldError> errors, List<FieldError> conflicts)
    {
        var stored = previous?[ConnectelSchema.InternalNumber]?.GetValue<string>();
        var number = proposed[ConnectelSchema.InternalNumber]?.GetValue<string>();
        var auto = proposed[ConnectelSchema.AutoInternalNumber]?.GetValue<bool>() != false;
        if (number is null && auto)
        {
            var taken = await others.ValuesAsync(ConnectelSchema.InternalNumber);
            // Runs inside the host's write transaction: two users created at once are assigned one after the other.
            if (options.InternalNumbers.FirstFree(taken) is { } free)
            {
                proposed[ConnectelSchema.InternalNumber] = free;
            }
            else
            {
                conflicts.Add(new FieldError(ConnectelSchema.InternalNumber,
                    $"No internal number is free in the range {options.InternalNumbers}; widen the range or switch auto-generate off and give one.") { Code = FieldErrorCodes.Conflict });
            }
            return;
        }
        if (number is null)
        {
            return;
        }
        if (stored is null && auto)
        {
            errors.Add(new FieldError(ConnectelSchema.InternalNumber,
                "Internal number is generated while 'Auto generate internal number' is on; switch it off to give one yourself."));
            return;
        }
        if (number != stored && await others.HolderAsync(ConnectelSchema.InternalNumber, number) is { } holder)
        {
            conflicts.Add(new FieldError(ConnectelSchema.InternalNumber, $"Internal number {number} is already used by {holder.User.DisplayName}.") { Code = FieldErrorCodes.Conflict });
        }
    }

    private static async Task CheckGroupsAsync(JsonObject proposed, OtherUsers others, List<FieldError> errors, List<FieldWarning> warnings)
    {
        foreach (var (key, label) in new[] { (ConnectelSchema.CallGroups, "Call group"), (ConnectelSchema.PickupGroups, "Pickup group") })
        {
            var text = proposed[key]?.GetValue<string>();
            var (_, error) = AsteriskGroups.Parse(text);
            if (error is not null)
            {
                errors.Add(new FieldError(key, $"{label}: {error}; groups are numbers 0–{AsteriskGroups.Max}, e.g. 1,3-5.") { Code = FieldErrorCodes.Format });
            }
            else if (AsteriskGroups.Normalize(text) is { } normalized)
            {
                proposed[key] = normalized;
            }
        }
        var pickup = AsteriskGroups.Of(proposed[ConnectelSchema.PickupGroups]?.GetValue<string>());
        if (pickup.Count > 0)
        {
            var called = (await others.ValuesAsync(ConnectelSchema.CallGroups)).SelectMany(AsteriskGroups.Of).ToHashSet();
            if (!pickup.Any(called.Contains))
            {
                warnings.Add(new FieldWarning(ConnectelSchema.PickupGroups,
                    $"Pickup groups {proposed[ConnectelSchema.PickupGroups]} match nobody's call groups; this user can pick up no calls yet.", "no_pickup_match"));
            }
        }
    }
}
