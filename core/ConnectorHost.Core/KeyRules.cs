using ConnectorHost.Sdk.Model;
using FluentValidation;

namespace ConnectorHost.Core;

/// <summary>
/// Rules shared by the identities people type: usernames, group keys and role keys. The comparison itself is the SDK's
/// <see cref="UsernameKey"/> (connectors and test directories compare as the core does); the key syntax is the core's.
/// </summary>
internal static class KeyRules
{
    public static IRuleBuilderOptions<T, string> ValidKey<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(100)
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage("Key must start with a letter or digit and contain only letters, digits, '.', '_' and '-'.");

    /// <inheritdoc cref="UsernameKey.Canonical"/>
    public static string Canonical(string value) => UsernameKey.Canonical(value);

    /// <inheritdoc cref="UsernameKey.Normalize"/>
    public static string Normalize(string value) => UsernameKey.Normalize(value);

    /// <inheritdoc cref="UsernameKey.NormalizeOrNull"/>
    public static string? NormalizeOrNull(string value) => UsernameKey.NormalizeOrNull(value);

    /// <inheritdoc cref="UsernameKey.IsWellFormedUnicode"/>
    public static bool IsWellFormedUnicode(string? value) => UsernameKey.IsWellFormedUnicode(value);
}
