using Contoso.Connector.Settings;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace Contoso.Connector.Users;

/// <summary>
/// The vendor's rules for a user's settings, after the host applied the schema's generic rules: an extension belongs
/// to one user only. A clash with another user is a conflict (the API answers 409), not a malformed value (400).
/// </summary>
internal sealed class ValidateContosoConnectorUser(IDirectoryReader directory) : IRequestHandler<ValidateUserSettings, SettingsValidation>
{
    public async Task<SettingsValidation> Handle(ValidateUserSettings request, CancellationToken cancellationToken)
    {
        var extension = request.User.Settings[ContosoConnectorSchema.Extension]!.GetValue<string>();
        // An indexed lookup of the holders, not a read of every user: a bulk import validates row after row.
        var holders = await directory.FindUsersBySettingAsync(ContosoConnectorSchema.Extension, extension, SettingMatch.Exact, cancellationToken);
        var holder = holders.FirstOrDefault(o => o.User.Id != request.User.User.Id);
        return holder is null
            ? SettingsValidation.Valid
            // A clash with another user: Refused answers 409 because the error's code says so.
            : SettingsValidation.Refused([new FieldError(ContosoConnectorSchema.Extension, $"Extension {extension} is already used by '{holder.User.Username}'.") { Code = FieldErrorCodes.Conflict }]);
    }
}
