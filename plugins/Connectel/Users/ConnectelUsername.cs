using System.Text.RegularExpressions;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Schema;

namespace Connectel.Users;

/// <summary>
/// Connectel logins: "firstname.lastname (note that you should only use lowercase letters)". Digits and dots are
/// allowed too (xCALLY's own examples use them); umlauts are written out and accents stripped by the SDK's <see cref="LoginName"/>.
/// </summary>
internal static partial class ConnectelUsername
{
    public static bool IsValid(string username) => Shape().IsMatch(username);

    /// <summary>The suggestion for <paramref name="user"/>: firstname.lastname, with the first number from 2 appended that makes it free.</summary>
    public static Task<string> SuggestAsync(UserSnapshot user, Func<string, Task<bool>> isTaken) =>
        FreeAsync(LoginName.Suggest(user.FirstName, user.LastName, user.Username), isTaken);

    /// <summary><paramref name="wanted"/> made valid (lower case, umlauts written out), keeping its dots.</summary>
    public static string Repair(string wanted) => LoginName.Transliterate(wanted, ".").Trim('.');

    private static async Task<string> FreeAsync(string candidate, Func<string, Task<bool>> isTaken)
    {
        if (candidate.Length == 0)
        {
            candidate = "user";
        }
        var result = candidate;
        for (var n = 2; await isTaken(result); n++)
        {
            result = $"{candidate}{n}";
        }
        return result;
    }

    [GeneratedRegex("^[a-z0-9]+(\\.[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
