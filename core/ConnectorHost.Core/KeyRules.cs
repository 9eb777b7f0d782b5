using System.Buffers;
using System.Text;
using FluentValidation;

namespace ConnectorHost.Core;

/// <summary>
/// Rules shared by the identities people type: usernames, group keys and role keys. One text can reach the
/// host in several encodings ("é" composed as U+00E9 or decomposed as "e" + U+0301, typed in any case), so
/// uniqueness is decided on <see cref="Normalize"/>, and the stored form is <see cref="Canonical"/>.
/// </summary>
internal static class KeyRules
{
    public static IRuleBuilderOptions<T, string> ValidKey<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(100)
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage("Key must start with a letter or digit and contain only letters, digits, '.', '_' and '-'.");

    /// <summary>The stored form: trimmed and in Unicode NFC.</summary>
    public static string Canonical(string value) => value.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The comparison form behind the unique indexes: canonical and upper-cased (invariant).</summary>
    public static string Normalize(string value) => Canonical(value).ToUpperInvariant().Normalize(NormalizationForm.FormC);

    /// <summary><see cref="Normalize"/> for text a lookup receives as typed: null when it is not well-formed Unicode (nothing stored can match it).</summary>
    public static string? NormalizeOrNull(string value) => IsWellFormedUnicode(value) ? Normalize(value) : null;

    /// <summary>
    /// False for text with an unpaired surrogate (JSON allows "\ud800"): such text has no NFC form, and
    /// string.Normalize would throw on it.
    /// </summary>
    public static bool IsWellFormedUnicode(string? value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var consumed) != OperationStatus.Done)
            {
                return false;
            }
            rest = rest[consumed..];
        }
        return true;
    }
}
