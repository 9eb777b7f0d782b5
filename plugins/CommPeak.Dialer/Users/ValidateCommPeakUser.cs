using System.Text.Json.Nodes;
using CommPeak.Dialer.Settings;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using MediatR;

namespace CommPeak.Dialer.Users;

/// <summary>
/// The CommPeak rules (see <see cref="CommPeakUserRules"/>). A taken username alone is a conflict (409); with other
/// errors it is listed among them as a 400, so the admin sees everything to fix at once.
/// </summary>
internal sealed class ValidateCommPeakUser(IDirectoryReader directory, CommPeakUserRules rules) : IRequestHandler<ValidateUserSettings, SettingsValidation>
{
    public async Task<SettingsValidation> Handle(ValidateUserSettings request, CancellationToken cancellationToken)
    {
        // A CommPeak login is the username setting, else the core username: the holders of this user's login are found
        // by both (indexed lookups, so a bulk import stays linear), and the rules compare them as before.
        var username = request.User.Settings[CommPeakSchema.Username]?.GetValue<string>() ?? request.User.User.Username;
        var bySetting = await directory.FindUsersBySettingAsync(CommPeakSchema.Username, username, SettingMatch.IgnoreAsciiCase, cancellationToken);
        var byCoreName = await directory.FindUserByUsernameAsync(username, cancellationToken);
        var taken = bySetting.Append(byCoreName).OfType<ConnectorHost.Sdk.Model.UserContext>()
            .Where(u => u.User.Id != request.User.User.Id)
            .Select(u => u.Settings[CommPeakSchema.Username]?.GetValue<string>() ?? u.User.Username)
            .ToList();
        var (errors, warnings, normalized) = rules.Check(request.User, taken);
        return errors.Count > 0
            ? SettingsValidation.Refused(errors)
            // Re-parsed so values built in code read like values parsed from a request body.
            : new SettingsValidation([], JsonNode.Parse(normalized.ToJsonString())!.AsObject()) { Warnings = warnings };
    }
}
