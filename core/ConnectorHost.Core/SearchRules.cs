using ConnectorHost.Sdk.Model;
using FluentValidation;

namespace ConnectorHost.Core;

internal static class SearchRules
{
    public const int MaxLength = 200;

    /// <summary>A list's search term: bounded (each one is matched against several columns) and well-formed text.</summary>
    public static IRuleBuilderOptions<T, string?> SearchTerm<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .MaximumLength(MaxLength).WithMessage($"Search must be at most {MaxLength} characters.")
            .Must(UsernameKey.IsWellFormedUnicode).WithMessage("Search is not well-formed Unicode text.");
}
