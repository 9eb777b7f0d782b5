using ConnectorHost.Sdk.Model;
using FluentValidation;

namespace ConnectorHost.Core.Access;

/// <summary>The input rules of admin accounts and API keys, shared by every use case that takes them.</summary>
internal static class AccessRules
{
    public const int MinPasswordLength = 12;

    public static IRuleBuilderOptions<T, string> ValidAdminUsername<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(64)
            .Matches("^[A-Za-z0-9][A-Za-z0-9._@-]*$").WithMessage("Username must start with a letter or digit and contain only letters, digits, '.', '_', '@' and '-'.");

    public static IRuleBuilderOptions<T, string?> ValidPassword<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().MinimumLength(MinPasswordLength).WithMessage($"Password must have at least {MinPasswordLength} characters.")
            .MaximumLength(256);

    public static IRuleBuilderOptions<T, string> ValidKeyName<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(100)
            .Must(UsernameKey.IsWellFormedUnicode).WithMessage("Name is not well-formed Unicode text.");
}
