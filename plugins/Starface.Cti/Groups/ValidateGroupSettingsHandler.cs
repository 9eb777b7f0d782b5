using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Starface.Cti.Settings;
using Keys = Starface.Cti.Settings.StarfaceCtiSchema.GroupKeys;

namespace Starface.Cti.Groups;

/// <summary>
/// A core group may map its members to one existing CTI group (stored upper-case). The mapping is refused when
/// it would give a CTI-active member without an own CTI group a second, different CTI group.
/// </summary>
internal sealed class ValidateGroupSettingsHandler(IDirectoryReader directory, CtiGroupStore groups)
    : IRequestHandler<ValidateGroupSettings, SettingsValidation>
{
    public async Task<SettingsValidation> Handle(ValidateGroupSettings request, CancellationToken cancellationToken)
    {
        var proposed = (JsonObject)request.Group.Settings.DeepClone();
        var mapped = CtiGroupResolver.MappedGroupOf(proposed);
        if (mapped is null)
        {
            return new SettingsValidation([], proposed);
        }

        proposed[Keys.CtiGroup] = mapped;
        var existing = await groups.ExistingIdsAsync(cancellationToken);
        if (!existing.Contains(mapped))
        {
            return new SettingsValidation(
                [new FieldError(Keys.CtiGroup, $"CTI group '{mapped}' does not exist; create it first or leave CTI group empty.")],
                proposed);
        }

        var conflicts = new List<string>();
        foreach (var memberId in request.Group.MemberIds)
        {
            // A plain null check: Stryker cannot mutate "is not { } member" without breaking definite assignment.
            var member = await directory.GetUserAsync(memberId, cancellationToken);
            if (member is null)
            {
                continue;
            }
            var settings = CtiUserSettings.From(member.Settings);
            if (!settings.CtiActive || settings.CtiGroup is not null)
            {
                continue;
            }
            // The member's groups as they will be once this mapping is stored.
            var groupsAfter = member.Groups
                .Where(g => g.Group.Id != request.Group.Group.Id)
                .Append(request.Group with { Settings = proposed })
                .ToList();
            var effective = CtiGroupResolver.Resolve(settings, groupsAfter, existing);
            if (effective.IsAmbiguous)
            {
                conflicts.Add($"'{member.User.Username}' ({CtiGroupResolver.Describe(effective.Conflicts)})");
            }
        }

        return conflicts.Count == 0
            ? new SettingsValidation([], proposed)
            : new SettingsValidation(
                [new FieldError(Keys.CtiGroup, $"A user has at most one CTI group; this mapping would give these CTI-active members without an own CTI group several: {string.Join("; ", conflicts)}. Set their CTI group first.")],
                proposed);
    }
}
