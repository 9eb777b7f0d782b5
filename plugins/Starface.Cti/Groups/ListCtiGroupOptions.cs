using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Starface.Cti.Settings;

namespace Starface.Cti.Groups;

/// <summary>The choices of CTI group (user and group settings): the CTI groups, Group ID as value, Group name as label.</summary>
internal sealed class ListCtiGroupOptions(CtiGroupStore groups) : IRequestHandler<ListFieldOptions, FieldOptionList>
{
    public async Task<FieldOptionList> Handle(ListFieldOptions request, CancellationToken cancellationToken)
    {
        if (request.FieldKey != StarfaceCtiSchema.UserKeys.CtiGroup)
        {
            throw new VendorRejectedException($"Field '{request.FieldKey}' has no options from the STARFACE CTI connector.");
        }
        var all = await groups.ListAsync(cancellationToken);
        return new FieldOptionList([.. all.Select(g => new AllowedValue(g.GroupId, $"{g.Name} ({g.GroupId})"))]);
    }
}
