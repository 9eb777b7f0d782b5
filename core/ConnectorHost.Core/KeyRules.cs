using FluentValidation;

namespace ConnectorHost.Core;

internal static class KeyRules
{
    public static IRuleBuilderOptions<T, string> ValidKey<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(100)
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage("Key must start with a letter or digit and contain only letters, digits, '.', '_' and '-'.");

    public static string Normalize(string key) => key.Trim().ToUpperInvariant();
}
