using CommPeak.Dialer.Settings;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace CommPeak.Dialer;

/// <summary>Manifest, schemas (user, group, role), the mass-upload file format and the actions.</summary>
internal sealed class DescribeCommPeakDialer(ActionRouter actions) : IRequestHandler<DescribeConnector, ConnectorDescription>
{
    public Task<ConnectorDescription> Handle(DescribeConnector request, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorDescription(
            CommPeakDialerModule.Manifest,
            new ConnectorSchema(CommPeakSchema.ConnectorFields, CommPeakSchema.UserFields, CommPeakSchema.GroupFields)
            {
                Role = CommPeakSchema.RoleFields,
                // CommPeak refuses a user without an e-mail: while a user has CommPeak settings the core keeps it.
                RequiredCoreFields = [CoreUserField.Email],
            },
            actions.Descriptors)
        {
            FileFormats = [CommPeakMassUpload.Format],
        });
}
