using System.Globalization;

namespace ConnectorHost.Access;

/// <summary>
/// The words of the sign-in pages and of the own-password check in English and German, picked by the request's UI
/// culture (?lang=de or Accept-Language). Here, beside the access code, so the API and the pages share them.
/// </summary>
internal sealed record PageText(
    string Language,
    string Product,
    string SignInTitle,
    string Username,
    string Password,
    string RepeatPassword,
    string SignIn,
    string SignOut,
    string SignedOutTitle,
    string SignedOut,
    string WrongCredentials,
    string LockedOut,
    string SessionHint,
    string SetupTitle,
    string SetupIntro,
    string SetupCreate,
    string SetupInvalid,
    string PasswordsDiffer,
    string PasswordRule,
    string SignOutQuestion,
    string CurrentPasswordWrong)
{
    public static readonly PageText English = new("en", "ConnectorHost", "Sign in", "Username", "Password", "Repeat password", "Sign in", "Sign out",
        "Signed out", "You are signed out.", "Wrong username or password.", "Too many failed attempts. Try again after {0:HH:mm} UTC.",
        "Sessions end after 30 minutes without activity and 8 hours after sign-in.", "Create the first administrator",
        "This link works once. The account you create here can manage everything, including other admin accounts and API keys.",
        "Create administrator", "This setup link is invalid or was used already. Restart the host for a new one, or sign in.",
        "The two passwords differ.", "At least 12 characters.", "Sign out of ConnectorHost?", "The current password is wrong.");

    public static readonly PageText German = new("de", "ConnectorHost", "Anmelden", "Benutzername", "Passwort", "Passwort wiederholen", "Anmelden", "Abmelden",
        "Abgemeldet", "Sie sind abgemeldet.", "Benutzername oder Passwort falsch.", "Zu viele Fehlversuche. Versuchen Sie es nach {0:HH:mm} UTC erneut.",
        "Sitzungen enden nach 30 Minuten ohne Aktivität und 8 Stunden nach der Anmeldung.", "Ersten Administrator anlegen",
        "Dieser Link funktioniert einmal. Das hier angelegte Konto darf alles, auch andere Admin-Konten und API-Schlüssel verwalten.",
        "Administrator anlegen", "Dieser Einrichtungslink ist ungültig oder wurde schon benutzt. Starten Sie den Host neu für einen neuen, oder melden Sie sich an.",
        "Die beiden Passwörter unterscheiden sich.", "Mindestens 12 Zeichen.", "Von ConnectorHost abmelden?", "Das aktuelle Passwort ist falsch.");

    /// <summary>The lockout message for an account locked until <paramref name="until"/> (UTC).</summary>
    public string LockedOutUntil(DateTime until) => string.Format(CultureInfo.InvariantCulture, LockedOut, until);

    public static PageText Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de" ? German : English;
}
