using ConnectorHost.Sdk.Model;
using FluentValidation;

namespace ConnectorHost.Core.Users;

internal static class UsernameRules
{
    public static IRuleBuilderOptions<T, string> ValidUsername<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(128)
            .Must(UsernameKey.IsWellFormedUnicode).WithMessage("Username is not well-formed Unicode text.")
            .Matches(@"^[^\s/\\?#]+$").WithMessage("Username must not contain spaces, slashes, '?' or '#'.");
}
