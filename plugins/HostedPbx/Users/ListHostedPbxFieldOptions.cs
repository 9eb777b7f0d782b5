using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Settings;
using MediatR;

namespace HostedPbx.Users;

/// <summary>The choices of Outbound Caller ID: the PBX's number inventory, in E.164, the first being the default.</summary>
internal sealed class ListHostedPbxFieldOptions(HostedPbxOptions options) : IRequestHandler<ListFieldOptions, FieldOptionList>
{
    public Task<FieldOptionList> Handle(ListFieldOptions request, CancellationToken cancellationToken) =>
        HostedPbxSchema.OptionLists(options).TryGetValue(request.FieldKey, out var items)
            ? Task.FromResult(new FieldOptionList(items))
            : throw new VendorRejectedException($"Field '{request.FieldKey}' has no options from the hosted PBX connector.");
}
