using System.Globalization;

namespace ConnectorHost.Pages.Shared;

/// <summary>
/// Every word of the admin pages in English and German, in one place; the language is the request's UI culture
/// (<c>?lang=de</c>, the language cookie, or Accept-Language). Connector labels come from the connectors' schemas.
/// </summary>
internal sealed class UiText
{
    private readonly bool _german;

    private UiText(bool german) => _german = german;

    public static UiText Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de" ? German : English;

    public static readonly UiText English = new(false);

    public static readonly UiText German = new(true);

    public string Language => _german ? "de" : "en";

    private string Pick(string en, string de) => _german ? de : en;

    public string Product => "ConnectorHost";
    public string Users => Pick("Users", "Benutzer");
    public string Groups => Pick("Groups", "Gruppen");
    public string Roles => Pick("Roles", "Rollen");
    public string Connectors => Pick("Connectors", "Konnektoren");
    public string Sync => Pick("Sync", "Synchronisation");
    public string Imports => Pick("Import", "Import");
    public string Audit => Pick("Audit log", "Protokoll");
    public string Admin => Pick("Admin accounts", "Admin-Konten");
    public string ApiKeys => Pick("API keys", "API-Schlüssel");
    public string SignOut => Pick("Sign out", "Abmelden");
    public string ChangePassword => Pick("Change password", "Passwort ändern");
    public string MainNavigation => Pick("Main navigation", "Hauptnavigation");
    public string SignedInAs => Pick("Signed in as", "Angemeldet als");
    public string ReadOnlyNotice => Pick("You have read-only access: you can look at everything but not save changes.",
        "Sie haben nur Lesezugriff: Sie sehen alles, können aber nichts speichern.");

    public string Search => Pick("Search", "Suchen");
    public string SearchUsersHint => Pick("Name, username, e-mail or extension", "Name, Benutzername, E-Mail oder Durchwahl");
    public string NewUser => Pick("New user", "Neuer Benutzer");
    public string NoUsers => Pick("No users match.", "Keine passenden Benutzer.");
    public string Previous => Pick("Previous", "Zurück");
    public string Next => Pick("Next", "Weiter");
    public string PageOf(int page, int pages, int total) => Pick($"Page {page} of {pages} · {total} total", $"Seite {page} von {pages} · {total} insgesamt");
    public string SortBy(string column) => Pick($"Sort by {column}", $"Nach {column} sortieren");

    public string Username => Pick("Username", "Benutzername");
    public string FirstName => Pick("First name", "Vorname");
    public string LastName => Pick("Last name", "Nachname");
    public string DisplayName => Pick("Display name", "Anzeigename");
    public string Email => Pick("E-mail", "E-Mail");
    public string PhoneNumbers => Pick("Phone numbers", "Telefonnummern");
    public string PhoneNumbersHint => Pick("One number per line, international format (+49 …).", "Eine Nummer pro Zeile, international (+49 …).");
    public string Extension => Pick("Extension", "Durchwahl");
    public string UserLanguage => Pick("Language", "Sprache");
    public string TimeZone => Pick("Time zone", "Zeitzone");
    public string Enabled => Pick("Enabled", "Aktiv");
    public string Disabled => Pick("Disabled", "Deaktiviert");
    public string Status => Pick("Status", "Status");
    public string Updated => Pick("Updated", "Geändert");
    public string Profile => Pick("Profile", "Profil");
    public string Save => Pick("Save", "Speichern");
    public string Create => Pick("Create", "Anlegen");
    public string Cancel => Pick("Cancel", "Abbrechen");
    public string Delete => Pick("Delete", "Löschen");
    public string DeleteUser => Pick("Delete user", "Benutzer löschen");
    public string DeleteUserHint => Pick("Deletes the user here and, through the sync, at every connector.", "Löscht den Benutzer hier und über die Synchronisation bei jedem Konnektor.");
    public string ConfirmDelete => Pick("Really delete? This cannot be undone.", "Wirklich löschen? Das lässt sich nicht rückgängig machen.");
    public string Saved => Pick("Saved.", "Gespeichert.");
    public string Created => Pick("Created.", "Angelegt.");
    public string Deleted(string what) => Pick($"Deleted {what}.", $"{what} gelöscht.");
    public string FixErrors => Pick("Please correct the marked fields.", "Bitte korrigieren Sie die markierten Felder.");
    public string Memberships => Pick("Groups and roles", "Gruppen und Rollen");
    public string NoGroups => Pick("No groups yet.", "Noch keine Gruppen.");
    public string NoRoles => Pick("No roles yet.", "Noch keine Rollen.");
    public string Required => Pick("required", "Pflichtfeld");
    public string SecretSetAt(DateTime? at) => at is { } t
        ? Pick($"Set at {t:yyyy-MM-dd HH:mm} UTC; leave empty to keep it.", $"Gesetzt am {t:dd.MM.yyyy HH:mm} UTC; leer lassen, um ihn zu behalten.")
        : Pick("Set; leave empty to keep it.", "Gesetzt; leer lassen, um ihn zu behalten.");
    public string SecretNotSet => Pick("Not set.", "Nicht gesetzt.");
    public string WriteOnlyHint => Pick("Sent to the vendor once and then forgotten by the host.", "Wird einmal an den Anbieter gesendet und danach vom Host vergessen.");
    public string FileStored => Pick("A file is stored; it is not shown here.", "Eine Datei ist gespeichert; sie wird hier nicht angezeigt.");
    public string FileNone => Pick("No file stored (upload through the API).", "Keine Datei gespeichert (Upload über die API).");
    public string OptionsFetched(DateTimeOffset at, bool stale) => stale
        ? Pick($"Choices from the vendor, last fetched {at:yyyy-MM-dd HH:mm} UTC (vendor unreachable, may be out of date).", $"Auswahl vom Anbieter, zuletzt geholt {at:dd.MM.yyyy HH:mm} UTC (Anbieter nicht erreichbar, evtl. veraltet).")
        : Pick($"Choices from the vendor, fetched {at:yyyy-MM-dd HH:mm} UTC.", $"Auswahl vom Anbieter, geholt {at:dd.MM.yyyy HH:mm} UTC.");
    public string OptionsUnavailable => Pick("The vendor's choices cannot be loaded right now; type the value.", "Die Auswahl des Anbieters ist gerade nicht ladbar; geben Sie den Wert ein.");
    public string ChooseOne => Pick("— choose —", "— auswählen —");
    public string OnePerLine => Pick("One value per line.", "Ein Wert pro Zeile.");
    public string NotOnConnector => Pick("This user has no settings for this connector yet. Saving adds the user to it.", "Dieser Benutzer hat noch keine Einstellungen für diesen Konnektor. Speichern fügt ihn hinzu.");
    public string RemoveFromConnector => Pick("Remove from this connector", "Von diesem Konnektor entfernen");
    public string Preview => Pick("What the vendor will receive", "Was der Anbieter erhält");
    public string PreviewUnavailable => Pick("No preview: the user has no valid settings for this connector yet.", "Keine Vorschau: Der Benutzer hat noch keine gültigen Einstellungen für diesen Konnektor.");
    public string Warnings => Pick("Warnings", "Hinweise");
    public string General => Pick("General", "Allgemein");

    public string Connector => Pick("Connector", "Konnektor");
    public string Version => Pick("Version", "Version");
    public string Loaded => Pick("Loaded", "Geladen");
    public string Faulted => Pick("Faulted", "Fehlerhaft");
    public string Reason => Pick("Reason", "Grund");
    public string Capabilities => Pick("Capabilities", "Fähigkeiten");
    public string Actions => Pick("Actions", "Aktionen");
    public string NoActions => Pick("This connector declares no actions.", "Dieser Konnektor bietet keine Aktionen an.");
    public string Run => Pick("Run", "Ausführen");
    public string Result => Pick("Result", "Ergebnis");
    public string ShownOnce => Pick("Shown once: copy it now, it cannot be shown again.", "Wird nur einmal angezeigt: Jetzt kopieren, später nicht mehr abrufbar.");
    public string Copy => Pick("Copy", "Kopieren");
    public string Copied => Pick("Copied", "Kopiert");
    public string ForUser => Pick("For user (username)", "Für Benutzer (Benutzername)");
    public string ForGroup => Pick("For group", "Für Gruppe");
    public string UnknownUser(string name) => Pick($"No user named '{name}'.", $"Kein Benutzer namens '{name}'.");
    public string Fields => Pick("Fields", "Felder");
    public string UserFields => Pick("User fields", "Benutzerfelder");
    public string GroupFields => Pick("Group fields", "Gruppenfelder");
    public string RoleFields => Pick("Role fields", "Rollenfelder");
    public string ConnectorFields => Pick("Connector settings (plugins.json, never shown here)", "Konnektor-Einstellungen (plugins.json, hier nie angezeigt)");
    public string Key => Pick("Key", "Schlüssel");
    public string Type => Pick("Type", "Typ");
    public string Label => Pick("Label", "Bezeichnung");
    public string Details => Pick("Details", "Details");
    public string AdministratorsOnly => Pick("administrators only", "nur Administratoren");
    public string ReadsOnly => Pick("read-only", "nur lesend");
    public string Name => Pick("Name", "Name");
    public string Pending => Pick("Pending", "Ausstehend");
    public string Failing => Pick("Failing", "Fehlschlagend");
    public string DeadLetters => Pick("Dead letters", "Unzustellbar");
    public string HeldDeletes => Pick("Held deletes", "Zurückgehaltene Löschungen");
    public string LastSuccess => Pick("Last success", "Letzter Erfolg");
    public string Circuit => Pick("Circuit", "Schutzschalter");
    public string DryRun => Pick("Dry run", "Probelauf");
    public string Confirm => Pick("Confirm", "Bestätigen");
    public string ConfirmHeldDeletes(int n) => Pick($"Release {n} held delete(s) at the vendor?", $"{n} zurückgehaltene Löschung(en) beim Anbieter ausführen?");
    public string NothingToSync => Pick("No loaded connector pushes users.", "Kein geladener Konnektor überträgt Benutzer.");
    public string PlanFor(string id) => Pick($"Dry run for {id}", $"Probelauf für {id}");
    public string PlanHint(int vendorUsers) => Pick($"What a sync would change; nothing is changed. {vendorUsers} user(s) at the vendor.", $"Was eine Synchronisation ändern würde; nichts wird geändert. {vendorUsers} Benutzer beim Anbieter.");
    public string Change => Pick("Change", "Änderung");
    public string Differences => Pick("Field differences (vendor → desired)", "Feldunterschiede (Anbieter → gewünscht)");
    public string InSync => Pick("Everything is in sync.", "Alles ist synchron.");
    public string PushOne => Pick("Push one user now", "Einen Benutzer jetzt übertragen");
    public string PushNow => Pick("Push now", "Jetzt übertragen");
    public string PushSucceeded => Pick("Pushed", "Übertragen");
    public string PushFailed => Pick("Push failed", "Übertragung fehlgeschlagen");
    public string NoDeadLetters => Pick("No dead letters.", "Keine unzustellbaren Aufträge.");
    public string Attempts => Pick("Attempts", "Versuche");
    public string LastError => Pick("Last error", "Letzter Fehler");
    public string Retry => Pick("Retry", "Erneut versuchen");
    public string Discard => Pick("Discard", "Verwerfen");
    public string Requeued(int n) => Pick($"{n} job(s) queued again.", $"{n} Auftrag/Aufträge erneut eingereiht.");
    public string Discarded(int n) => Pick($"{n} job(s) discarded.", $"{n} Auftrag/Aufträge verworfen.");
    public string DeletesReleased(int n) => Pick($"{n} held delete(s) released.", $"{n} zurückgehaltene Löschung(en) freigegeben.");
    public string AllTypes => Pick("All types", "Alle Typen");
    public string EntityId => Pick("Entity id", "Objekt-ID");
    public string Filter => Pick("Filter", "Filtern");
    public string When => Pick("When (UTC)", "Wann (UTC)");
    public string Actor => Pick("Actor", "Akteur");
    public string NoEntries => Pick("No entries.", "Keine Einträge.");
    public string Role => Pick("Role", "Rolle");
    public string RoleName(ConnectorHost.Core.Domain.AdminRole role) => role switch
    {
        ConnectorHost.Core.Domain.AdminRole.Administrator => Pick("Administrator", "Administrator"),
        ConnectorHost.Core.Domain.AdminRole.Operator => Pick("Operator", "Operator"),
        _ => Pick("Read-only", "Nur lesen"),
    };
    public string LastSignIn => Pick("Last sign-in", "Letzte Anmeldung");
    public string LockedUntil(DateTime until) => Pick($"Locked until {until:HH:mm} UTC", $"Gesperrt bis {until:HH:mm} UTC");
    public string Enable => Pick("Enable", "Aktivieren");
    public string Disable => Pick("Disable", "Deaktivieren");
    public string Unlock => Pick("Unlock", "Entsperren");
    public string NewAccount => Pick("New admin account", "Neues Admin-Konto");
    public string Password => Pick("Password", "Passwort");
    public string KeyStart => Pick("Starts with", "Beginnt mit");
    public string CreatedBy => Pick("Created by", "Erstellt von");
    public string LastUsed => Pick("Last used", "Zuletzt benutzt");
    public string RevokedAt(DateTime at) => Pick($"Revoked {at:yyyy-MM-dd HH:mm}", $"Widerrufen {at:dd.MM.yyyy HH:mm}");
    public string Revoke => Pick("Revoke", "Widerrufen");
    public string NewKey => Pick("New API key", "Neuer API-Schlüssel");
    public string NewGroup => Pick("New group", "Neue Gruppe");
    public string NewRole => Pick("New role", "Neue Rolle");
    public string Parent => Pick("Parent group", "Übergeordnete Gruppe");
    public string Description => Pick("Description", "Beschreibung");
    public string IncludedRoles => Pick("Includes the roles", "Enthält die Rollen");
    public string MembersCount(int n) => Pick($"{n} member(s).", $"{n} Mitglied(er).");
    public string ExportUsers => Pick("Export users (CSV)", "Benutzer exportieren (CSV)");
    public string UploadFile => Pick("Import a user file", "Benutzerdatei importieren");
    public string File => Pick("File", "Datei");
    public string Format => Pick("Format", "Format");
    public string CoreCsv => Pick("ConnectorHost CSV", "ConnectorHost-CSV");
    public string WhenUserExists => Pick("When a user exists already", "Wenn ein Benutzer schon existiert");
    public string ModeFail => Pick("Stop with an error", "Mit Fehler abbrechen");
    public string ModeSkip => Pick("Skip the row", "Zeile überspringen");
    public string ModeOverwrite => Pick("Overwrite the user", "Benutzer überschreiben");
    public string DryRunImport => Pick("Dry run (check only, change nothing)", "Probelauf (nur prüfen, nichts ändern)");
    public string StartImport => Pick("Start import", "Import starten");
    public string Rows => Pick("Rows", "Zeilen");
    public string Unchanged => Pick("Unchanged", "Unverändert");
    public string Skipped => Pick("Skipped", "Übersprungen");
    public string RowReport => Pick("Row report", "Zeilenbericht");
    public string NoRowErrors => Pick("No row was refused.", "Keine Zeile wurde abgelehnt.");
    public string DownloadReport => Pick("Download the report (CSV)", "Bericht herunterladen (CSV)");
    public string CurrentPassword => Pick("Current password", "Aktuelles Passwort");
    public string NewPassword => Pick("New password", "Neues Passwort");
    public string RepeatPassword => Pick("Repeat the new password", "Neues Passwort wiederholen");
    public string PasswordRule => Pick("At least 12 characters.", "Mindestens 12 Zeichen.");
    public string PasswordsDiffer => Pick("The two passwords differ.", "Die beiden Passwörter unterscheiden sich.");
    public string PasswordChanged => Pick("Password changed.", "Passwort geändert.");
}
