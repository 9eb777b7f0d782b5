using System.Text;

namespace ConnectorHost.Sdk.Schema;

/// <summary>
/// Vendor login names built from people's names: German umlauts written out (ä → ae, ö → oe, ü → ue, ß → ss),
/// other accents stripped (é → e), lower case, only ASCII letters and digits kept. Many vendors accept only such
/// logins (e.g. Connectel's "firstname.lastname, lowercase letters only").
/// </summary>
public static class LoginName
{
    /// <summary>
    /// <paramref name="text"/> as lower-case ASCII letters and digits: <c>Müller</c> → <c>mueller</c>,
    /// <c>José</c> → <c>jose</c>, <c>Groß-Kurz</c> → <c>grosskurz</c>. Characters in <paramref name="keep"/> are kept as they are.
    /// </summary>
    public static string Transliterate(string? text, string keep = "")
    {
        var result = new StringBuilder();
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormC))
        {
            var lower = char.ToLowerInvariant(c);
            switch (lower)
            {
                case 'ä': result.Append("ae"); continue;
                case 'ö': result.Append("oe"); continue;
                case 'ü': result.Append("ue"); continue;
                case 'ß': result.Append("ss"); continue;
            }
            if (keep.Contains(c, StringComparison.Ordinal))
            {
                result.Append(c);
                continue;
            }
            // Decomposed, an accented letter is its base letter plus marks: the base is kept, the marks dropped.
            foreach (var part in lower.ToString().Normalize(NormalizationForm.FormD))
            {
                if (part is >= 'a' and <= 'z' or >= '0' and <= '9')
                {
                    result.Append(part);
                }
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// <c>firstname{separator}lastname</c> transliterated (<c>Jürgen Groß</c> → <c>juergen.gross</c>); when a name part is
    /// empty, the other alone; when both are empty, <paramref name="fallback"/> transliterated (keeping the separator).
    /// </summary>
    public static string Suggest(string? firstName, string? lastName, string fallback, char separator = '.')
    {
        var parts = new[] { Transliterate(firstName), Transliterate(lastName) }.Where(p => p.Length > 0).ToList();
        return parts.Count > 0 ? string.Join(separator, parts) : Transliterate(fallback, separator.ToString());
    }
}
