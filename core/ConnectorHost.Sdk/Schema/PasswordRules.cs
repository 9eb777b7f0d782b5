using System.Security.Cryptography;

namespace ConnectorHost.Sdk.Schema;

/// <summary>
/// The common "strong password" policy of vendors' security settings (upper case, lower case, digit and special
/// character) and temporary passwords that meet it, for password fields and reset-password actions.
/// </summary>
public static class PasswordRules
{
    /// <summary>The special characters a generated password uses (no quotes, spaces or backslashes, which forms and shells mangle).</summary>
    public const string Specials = "!#$%&*+-=?@_";

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>The classes <paramref name="password"/> lacks for the strong policy, as words ("an upper-case letter", ...); empty when it meets it.</summary>
    public static IReadOnlyList<string> MissingForStrong(string password)
    {
        var missing = new List<string>();
        if (!password.Any(char.IsUpper)) { missing.Add("an upper-case letter"); }
        if (!password.Any(char.IsLower)) { missing.Add("a lower-case letter"); }
        if (!password.Any(char.IsDigit)) { missing.Add("a digit"); }
        if (password.All(char.IsLetterOrDigit)) { missing.Add("a special character"); }
        return missing;
    }

    /// <summary>
    /// A random password of <paramref name="length"/> characters (at least 8) from a cryptographic generator, with at
    /// least one upper-case letter, lower-case letter, digit and special character; look-alikes (0/O, 1/l/I) left out.
    /// </summary>
    public static string Generate(int length = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 8);
        var all = Upper + Lower + Digits + Specials;
        var chars = new List<char>
        {
            Upper[RandomNumberGenerator.GetInt32(Upper.Length)],
            Lower[RandomNumberGenerator.GetInt32(Lower.Length)],
            Digits[RandomNumberGenerator.GetInt32(Digits.Length)],
            Specials[RandomNumberGenerator.GetInt32(Specials.Length)],
        };
        while (chars.Count < length)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }
        // Shuffled so the guaranteed classes are not always the first four characters.
        for (var i = chars.Count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (chars[i], chars[j]) = (chars[j], chars[i]);
        }
        return new string([.. chars]);
    }
}
