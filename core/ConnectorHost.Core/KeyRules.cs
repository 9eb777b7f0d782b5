using ConnectorHost.Sdk.Model;
using FluentValidation;

namespace ConnectorHost.Core;

/// <summary>
/// The key syntax of group and role keys. How keys and usernames compare (and their stored form) is the SDK's
/// <see cref="UsernameKey"/>, so connectors and test directories compare as the core does.
/// </summary>
internal static class KeyRules
{
    public static IRuleBuilderOptions<T, string> ValidKey<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(100)
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage("Key must start with a letter or digit and contain only letters, digits, '.', '_' and '-'.");
}
