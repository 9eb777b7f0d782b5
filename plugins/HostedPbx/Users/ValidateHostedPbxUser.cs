using ConnectorHost.Sdk.Requests;
using MediatR;

namespace HostedPbx.Users;

/// <summary>
/// The PBX rules on top of the schema: unique extension (error on <c>extension</c> saying "already used by",
/// which the host answers with 409), caller ID from the inventory, existing forwarding targets, PIN rules.
/// </summary>
internal sealed class ValidateHostedPbxUser(PbxMembers members, PbxUserRules rules)
    : IRequestHandler<ValidateUserSettings, SettingsValidation>
{
    public async Task<SettingsValidation> Handle(ValidateUserSettings request, CancellationToken cancellationToken)
    {
        var others = await members.OwnersExceptAsync(request.User.User.Id, cancellationToken);
        var (errors, normalized) = rules.Check(request.User.Settings, others);
        return errors.Count > 0
            ? new SettingsValidation(errors)
            : new SettingsValidation([], JsonDocuments.Reparse(normalized));
    }
}
