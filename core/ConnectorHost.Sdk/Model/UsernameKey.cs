using System.Buffers;
using System.Text;

namespace ConnectorHost.Sdk.Model;

/// <summary>
/// How the host compares usernames (and group and role keys): one text can arrive in several encodings ("é" composed
/// as U+00E9 or decomposed as "e" + U+0301, typed in any case), so two keys are the same when their
/// <see cref="Normalize"/> forms are equal. The host's unique indexes and <c>IDirectoryReader.FindUserByUsernameAsync</c>
/// use this rule; a test directory should too. Since SDK 2.4.0.
/// </summary>
public static class UsernameKey
{
    /// <summary>The stored form: trimmed and in Unicode NFC.</summary>
    public static string Canonical(string value) => value.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The comparison form: canonical and upper-cased (invariant).</summary>
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
