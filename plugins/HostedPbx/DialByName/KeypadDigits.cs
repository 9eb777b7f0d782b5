using System.Globalization;
using System.Text;

namespace HostedPbx.DialByName;

/// <summary>Phone keypad letters (2=ABC … 9=WXYZ), for the dial-by-name directory.</summary>
internal static class KeypadDigits
{
    private static readonly string[] Keys = ["", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"];

    /// <summary>
    /// The digits a caller presses to spell <paramref name="name"/>. Accents are dropped (É → E, Ü → U) and
    /// ß spells SS; spaces, hyphens and other non-letters are skipped.
    /// </summary>
    public static string Of(string name)
    {
        var letters = name.Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var digits = new StringBuilder(letters.Length);
        foreach (var c in letters.ToUpperInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            for (var key = 2; key < Keys.Length; key++)
            {
                if (Keys[key].Contains(c, StringComparison.Ordinal))
                {
                    digits.Append((char)('0' + key));
                    break;
                }
            }
        }
        return digits.ToString();
    }
}
