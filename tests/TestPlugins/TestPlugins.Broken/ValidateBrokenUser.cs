using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using MediatR;

namespace TestPlugins.Broken;

internal sealed class ValidateBrokenUser(IDirectoryReader directory) : IRequestHandler<ValidateUserSettings, SettingsValidation>
{
    public async Task<SettingsValidation> Handle(ValidateUserSettings request, CancellationToken cancellationToken)
    {
        var login = request.User.Settings["login"]!.GetValue<string>();
        var others = await directory.ListUsersWithSettingsAsync(cancellationToken);
        // Defect: a login another user has is a clash, but IsConflict is not set (the API answers 400, not 409).
        return others.Any(o => o.User.Id != request.User.User.Id && o.Settings["login"]?.GetValue<string>() == login)
            ? new SettingsValidation([new FieldError("login", $"Another user has the login '{login}'.")])
            : SettingsValidation.Valid;
    }
}
