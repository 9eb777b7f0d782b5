using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Starface.Cti.Groups;
using Starface.Cti.Settings;
using Keys = Starface.Cti.Settings.StarfaceCtiSchema.UserKeys;

namespace Starface.Cti.Users;

/// <summary>
/// The vendor rules of the CTI user setup: a CTI-active user's extension (required by the schema) must not be
/// another CTI-active user's; the CTI group must exist (stored upper-case); and a user without an own CTI group must not get two
/// different ones from core group mappings ("at most one" CTI group).
/// </summary>
internal sealed class ValidateUserSettingsHandler(IDirectoryReader directory, CtiGroupStore groups)
    : IRequestHandler<ValidateUserSettings, SettingsValidation>
{
    public async Task<SettingsValidation> Handle(ValidateUserSettings request, CancellationToken cancellationToken)
    {
        var proposed = (System.Text.Json.Nodes.JsonObject)request.User.Settings.DeepClone();
        var settings = CtiUserSettings.From(proposed);
        var errors = new List<FieldError>();
        var existing = await groups.ExistingIdsAsync(cancellationToken);

        if (settings.CtiGroup is { } groupId)
        {
            proposed[Keys.CtiGroup] = groupId;
            if (!existing.Contains(groupId))
            {
                errors.Add(new FieldError(Keys.CtiGroup, $"CTI group '{groupId}' does not exist; create it first or leave CTI group empty."));
            }
        }

        if (settings.CtiActive)
        {
            // "Extension is required while CTI active" is the schema's RequiredWhen, checked before this runs.
            if (settings.Extension is not null)
            {
                // Only the holders of this extension (an indexed lookup): validating a row of a bulk import reads no one else.
                var others = await directory.FindUsersBySettingAsync(Keys.Extension, settings.Extension, SettingMatch.Exact, cancellationToken);
                var clash = others
                    .Where(u => u.User.Id != request.User.User.Id)
                    .Select(u => (u.User.Username, Settings: CtiUserSettings.From(u.Settings)))
                    .Where(u => u.Settings.TakesPartInCti && u.Settings.Extension == settings.Extension)
                    .Select(u => u.Username)
                    .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                    .ToList();
                if (clash.Count > 0)
                {
                    errors.Add(new FieldError(Keys.Extension,
                        $"Extension {settings.Extension} is already used by CTI-active user {string.Join(", ", clash.Select(n => $"'{n}'"))}; extensions must be unique among CTI-active users.") { Code = FieldErrorCodes.Conflict });
                }
            }

            var effective = CtiGroupResolver.Resolve(settings, request.User.Groups, existing);
            if (settings.CtiGroup is null && effective.IsAmbiguous)
            {
                errors.Add(new FieldError(Keys.CtiGroup,
                    $"A user has at most one CTI group, but the user's core groups map to several: {CtiGroupResolver.Describe(effective.Conflicts)}. Choose one in CTI group."));
            }
        }

        // A clash with another user is a conflict (409), unless a malformed value is wrong as well.
        return errors.Count > 0 ? SettingsValidation.Refused(errors, proposed) : new SettingsValidation([], proposed);
    }
}
