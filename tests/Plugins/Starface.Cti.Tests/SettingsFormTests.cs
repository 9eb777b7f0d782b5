using ConnectorHost.Sdk.Requests;

namespace Starface.Cti.Tests;

/// <summary>
/// The settings forms an administrator fills in, in English and German. The user and group fields carry the names of
/// STARFACE's own "CTI for Business Central" guide (starface-cti-users-groups.en.md / .de.md: "CTI active" / "CTI aktiv",
/// "CTI group" / "CTI Gruppe", "CTI page" / "CTI-Seite", "Open CTI page" / "CTI-Seite öffnen", "Time of opening CTI
/// page" / "Zeitpunkt des Öffnens der CTI-Seite", "No. not found actions" / "Nr. nicht gefunden Aktionen"), and the
/// page choices its table of pages (Contacts 5050, Customers 22, Vendors 27).
/// </summary>
public sealed class SettingsFormTests
{
    private static async Task<ConnectorDescription> DescribeAsync()
    {
        await using var bed = await CtiTestBed.StartAsync();
        return await bed.Harness.Send(new DescribeConnector());
    }

    [Fact]
    public async Task Describe_UserForm_FieldsChoicesAndHelpAsInStarfacesGuide()
    {
        var description = await DescribeAsync();

        FormText.Of(description.Schema.User).ShouldBe([
            "ctiActive [Bool, default false]: CTI active | CTI aktiv",
            "  help: Enables CTI for this user. Requires an extension. | Gibt die CTI für diesen Nutzer frei. Erfordert eine Durchwahl.",
            "extension [String, required when ctiActive=true, max 20, pattern [0-9]+ (Extension must contain digits only.), kind Extension]: Extension | Durchwahl",
            "  help: The user's STARFACE internal number; unique among CTI-active users. | Die interne STARFACE Rufnummer des Nutzers; eindeutig unter CTI-aktiven Nutzern.",
            "ctiGroup [Enum, options from connector every 60 s]: CTI group | CTI Gruppe",
            "  help: Optional Group ID of an existing CTI group; empty: taken from the user's core groups. | Optionale Gruppen-ID einer vorhandenen CTI Gruppe; leer: aus den Gruppen des Nutzers.",
            """ctiPage [Enum, default "contacts"]: CTI page | CTI-Seite""",
            "  contacts: Contacts (5050) | Kontakte (5050)",
            "  customers: Customers (22) | Debitoren (22)",
            "  vendors: Vendors (27) | Kreditoren (27)",
            """openCtiPage [Enum, default "incoming"]: Open CTI page | CTI-Seite öffnen""",
            "  incoming: Incoming calls | Eingehende Anrufe",
            "  outgoing: Outgoing calls | Ausgehende Anrufe",
            "  both: Incoming and outgoing calls | Eingehende und ausgehende Anrufe",
            "  never: Never | Nie",
            """openCtiPageAt [Enum, default "ringing"]: Time of opening CTI page | Zeitpunkt des Öffnens der CTI-Seite""",
            "  ringing: Ringing | Beim Klingeln",
            "  answered: Call answered | Bei Annahme des Anrufs",
            "  ended: Call ended | Nach Ende des Anrufs",
            """notFoundAction [Enum, default "none"]: No. not found actions | Nr. nicht gefunden Aktionen""",
            "  none: Do nothing | Nichts tun",
            "  new-contact: Open new contact card with the number | Neue Kontaktkarte mit der Nummer öffnen",
            "  filtered-list: Open the CTI page list filtered by the number | Liste der CTI-Seite nach der Nummer gefiltert öffnen",
        ]);
    }

    [Fact]
    public async Task Describe_GroupForm_CtiGroupFromTheConnectorsList()
    {
        var description = await DescribeAsync();

        FormText.Of(description.Schema.Group).ShouldBe([
            "ctiGroup [Enum, options from connector every 60 s]: CTI group | CTI Gruppe",
            "  help: Group ID of the CTI group the members of this group get when their own CTI group is empty. | Gruppen-ID der CTI Gruppe, die Mitglieder erhalten, deren eigene CTI Gruppe leer ist.",
        ]);
    }

    [Fact]
    public async Task Describe_ConnectorForm_BusinessCentralAndStarfaceSections()
    {
        var description = await DescribeAsync();

        description.Manifest.DisplayName.ShouldBe("STARFACE CTI for Business Central");
        FormText.Of(description.Schema.Connector).ShouldBe([
            "businessCentralTenantId [String, required, max 100, section Business Central]: Business Central tenant ID | Business Central Mandanten-ID",
            "  help: Microsoft Entra tenant (GUID or domain) that owns the Business Central environment. | Microsoft Entra Mandant (GUID oder Domäne) der Business Central Umgebung.",
            """businessCentralEnvironment [String, max 100, pattern [A-Za-z0-9_-]+ (Business Central environment may contain letters, digits, '-' and '_' only.), default "production", section Business Central]: Business Central environment | Business Central Umgebung""",
            "businessCentralCompanyId [String, required, pattern [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12} (Business Central company ID must be a GUID (the company id of API v2.0).), section Business Central]: Business Central company ID | Business Central Unternehmens-ID",
            "businessCentralCompanyName [String, required, max 30, section Business Central]: Business Central company name | Business Central Unternehmensname",
            "  help: Company name used in web client links (?company=...). | Unternehmensname für Web-Client-Links (?company=...).",
            "businessCentralClientId [String, required, max 100, section Business Central]: OAuth client ID | OAuth Client-ID",
            "businessCentralClientSecret [Secret, required, section Business Central]: OAuth client secret | OAuth Client-Geheimnis",
            "businessCentralTokenUrl [String, section Business Central]: OAuth token endpoint | OAuth Token-Endpunkt",
            "  help: Empty: https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token. | Leer: https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token.",
            """businessCentralApiBaseUrl [String, default "https://api.businesscentral.dynamics.com/v2.0", section Business Central]: Business Central API base URL | Business Central API Basis-URL""",
            """businessCentralWebClientBaseUrl [String, default "https://businesscentral.dynamics.com", section Business Central]: Business Central web client URL | Business Central Web-Client-URL""",
            "directoryRefreshMinutes [Int, min 1, up to 1440, default 15, section Business Central]: Directory refresh interval (minutes) | Aktualisierungsintervall Verzeichnis (Minuten)",
            """defaultPhoneRegion [String, pattern [A-Za-z]{2} (Default phone region must be a two-letter country code such as DE.), default "DE", section Business Central]: Default phone region | Standard-Telefonregion""",
            "starfaceBaseUrl [String, required, section STARFACE]: STARFACE URL | STARFACE URL",
            "  help: Base address of the STARFACE PBX, e.g. https://pbx.example.com. | Basisadresse der STARFACE, z. B. https://pbx.example.com.",
            "starfaceLogin [String, required, max 100, section STARFACE]: STARFACE login | STARFACE Login",
            "starfacePassword [Secret, required, section STARFACE]: STARFACE password | STARFACE Passwort",
        ]);
    }
}
