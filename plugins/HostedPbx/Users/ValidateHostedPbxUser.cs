using ConnectorHost.Sdk.Requests;
using HostedPbx.Settings;
using MediatR;

namespace HostedPbx.Users;

/// <summary>
/// The PBX rules on top of the schema: e-mail for an Admin licence, unique extension, caller ID from the inventory, existing forwarding
/// targets, PIN rules. A taken extension alone is a conflict (the host answers 409); with other errors it is
/// reported among them as a 400, so the admin sees everything to fix at once.
/// </summary>
internal sealed class ValidateHostedPbxUser(PbxMembers members, PbxUserRules rules)
    : IRequestHandler<ValidateUserSettings, SettingsValidation>
{
    public async Task<SettingsValidation> Handle(ValidateUserSettings request, CancellationToken cancellationToken)
    {
        // Only the numbers this document names matter: its extension (taken?) and its internal forwarding targets (exist?).
        var settings = PbxUserSettings.Read(request.User.Settings);
        var named = settings.ForwardingDestinations.Where(PbxUserRules.IsExtension).Prepend(settings.Extension).OfType<string>();
        var others = await members.OwnersOfAsync(named, request.User.User.Id, cancellationToken);
        var (errors, normalized) = rules.Check(request.User.Settings, request.User.User.Email, others);
        return errors.Count > 0
            ? SettingsValidation.Refused(errors)
            : new SettingsValidation([], JsonDocuments.Reparse(normalized));
    }
}
