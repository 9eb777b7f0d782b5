using System.Globalization;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using MediatR;
using Starface.Cti.Groups;

namespace Starface.Cti.Gateway;

/// <summary>
/// Pushes the CTI group a core group is mapped to as a STARFACE group named like the CTI group, whose assigned
/// users are exactly the CTI-active users with that effective CTI group (the same rule PushUser follows for one
/// user). The STARFACE group lives as long as the CTI group: deleting a core group only re-syncs the membership
/// while the CTI group still exists.
/// </summary>
internal sealed class PushGroupHandler(StarfaceApiClient starface, CtiGroupStore groups, StarfaceCtiGroups starfaceGroups)
    : IRequestHandler<PushGroup, PushResult>
{
    public async Task<PushResult> Handle(PushGroup request, CancellationToken cancellationToken)
    {
        var mapped = CtiGroupResolver.MappedGroupOf(request.Group.Settings);
        var ctiGroup = mapped is null ? null : await groups.GetAsync(mapped, cancellationToken);

        if (request.Operation == PushOperation.Delete)
        {
            if (ctiGroup is not null)
            {
                // Other core groups or users' own settings may still use the CTI group: keep its STARFACE group in step.
                var kept = await starfaceGroups.UpsertAsync(ctiGroup, request.VendorId, cancellationToken);
                return new PushResult(null, $"kept: STARFACE group {kept.VendorId} of CTI group {ctiGroup.GroupId} stays ({kept.State})");
            }
            if (!int.TryParse(request.VendorId, NumberStyles.None, CultureInfo.InvariantCulture, out var vendorId))
            {
                return new PushResult(null, "absent");
            }
            return new PushResult(null, await starface.DeleteGroupAsync(vendorId, cancellationToken) ? "deleted" : "absent");
        }

        if (ctiGroup is null)
        {
            return new PushResult(null, mapped is null ? "skipped: no CTI group mapped" : $"skipped: CTI group {mapped} does not exist");
        }
        return await starfaceGroups.UpsertAsync(ctiGroup, request.VendorId, cancellationToken);
    }
}
