using CommPeak.Dialer.Gateway;
using CommPeak.Dialer.Settings;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace CommPeak.Dialer.Users;

/// <summary>
/// CommPeak's own lists for roles, skill groups, tags and desks: the value is CommPeak's id, the label its name
/// (the mass-upload file and CommPeak's screens show the ids).
/// </summary>
internal sealed class ListCommPeakFieldOptions(CommPeakApiClient commPeak, CommPeakOptions options, CommPeakOptionLists lists)
    : IRequestHandler<ListFieldOptions, FieldOptionList>
{
    private static readonly IReadOnlyDictionary<string, string> What = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CommPeakSchema.Roles] = "roles",
        [CommPeakSchema.SkillGroups] = "skill groups",
        [CommPeakSchema.Tags] = "tags",
        [CommPeakSchema.Desks] = "desks",
    };

    public async Task<FieldOptionList> Handle(ListFieldOptions request, CancellationToken cancellationToken)
    {
        if (!options.OptionPaths.TryGetValue(request.FieldKey, out var path))
        {
            throw new VendorRejectedException($"Field '{request.FieldKey}' has no options from the CommPeak dialer connector.");
        }
        var items = await commPeak.ListOptionsAsync(path, What[request.FieldKey], cancellationToken);
        lists.Remember(request.FieldKey, items);
        return new FieldOptionList([.. items.Select(i => new AllowedValue(i.Id, i.Name))]);
    }
}
