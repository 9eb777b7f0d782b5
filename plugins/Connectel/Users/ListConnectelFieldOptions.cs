using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using Connectel.Gateway;
using Connectel.Settings;
using MediatR;

namespace Connectel.Users;

/// <summary>The choices of user profile: Connectel's user profiles (id → name), read from the configured profiles endpoint.</summary>
internal sealed class ListConnectelFieldOptions(ConnectelApiClient connectel) : IRequestHandler<ListFieldOptions, FieldOptionList>
{
    public async Task<FieldOptionList> Handle(ListFieldOptions request, CancellationToken cancellationToken)
    {
        if (request.FieldKey != ConnectelSchema.UserProfile)
        {
            throw new VendorRejectedException($"Field '{request.FieldKey}' has no options from the Connectel connector.");
        }
        var profiles = await connectel.ListProfilesAsync(cancellationToken);
        return new FieldOptionList([.. profiles
            .Where(p => VendorJson.Text(p["id"]) is not null)
            .Select(p => new AllowedValue(VendorJson.Text(p["id"])!, VendorJson.Text(p["name"]) ?? VendorJson.Text(p["id"])!))]);
    }
}
