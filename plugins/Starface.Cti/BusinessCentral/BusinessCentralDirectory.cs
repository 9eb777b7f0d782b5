using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using Starface.Cti.Gateway;
using Starface.Cti.ScreenPop;
using Starface.Cti.Settings;

namespace Starface.Cti.BusinessCentral;

/// <summary>What kind of Business Central record a match is.</summary>
internal enum RecordKind
{
    Contact,
    Customer,
    Vendor,
}

/// <summary>A Business Central contact, customer or vendor with its phone numbers.</summary>
internal sealed record DirectoryRecord(RecordKind Kind, Guid Id, string Number, string DisplayName, IReadOnlyList<string> PhoneNumbers)
{
    /// <summary>For contacts: "Company" or "Person".</summary>
    public string? ContactType { get; init; }

    /// <summary>For person contacts: the number of their company contact.</summary>
    public string? CompanyNumber { get; init; }
}

/// <summary>
/// One read of the Business Central directory: contacts, customers, vendors and the contact links of customers
/// and vendors (contactsInformation), indexed by normalized phone number.
/// </summary>
internal sealed class DirectorySnapshot
{
    private readonly Dictionary<Guid, DirectoryRecord> _contacts;
    private readonly Dictionary<Guid, DirectoryRecord> _customers;
    private readonly Dictionary<Guid, DirectoryRecord> _vendors;
    private readonly Dictionary<string, DirectoryRecord> _contactsByNumber;
    private readonly ILookup<Guid, Guid> _partiesByContact;
    private readonly ILookup<Guid, Guid> _contactsByParty;
    private readonly ILookup<string, DirectoryRecord> _byFullNumber;
    private readonly ILookup<string, DirectoryRecord> _byBaseNumber;
    private readonly ILookup<string, DirectoryRecord> _companiesByNumber;

    /// <summary>The fewest national digits a stored company number must share with the caller for a prefix match.</summary>
    public const int MinimumPrefixNationalDigits = 6;

    public DirectorySnapshot(
        IReadOnlyList<DirectoryRecord> contacts,
        IReadOnlyList<DirectoryRecord> customers,
        IReadOnlyList<DirectoryRecord> vendors,
        IReadOnlyList<(Guid ContactId, Guid RelatedId)> links,
        PhoneNumberNormalizer normalizer,
        DateTimeOffset loadedAt)
    {
        LoadedAt = loadedAt;
        _contacts = contacts.ToDictionary(c => c.Id);
        _customers = customers.ToDictionary(c => c.Id);
        _vendors = vendors.ToDictionary(v => v.Id);
        _contactsByNumber = contacts.GroupBy(c => c.Number, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _partiesByContact = links.ToLookup(l => l.ContactId, l => l.RelatedId);
        _contactsByParty = links.ToLookup(l => l.RelatedId, l => l.ContactId);

        var indexed = contacts.Concat(customers).Concat(vendors)
            .SelectMany(r => r.PhoneNumbers.Select(normalizer.Normalize).OfType<NormalizedNumber>().Select(n => (Number: n, Record: r)))
            .ToList();
        _byFullNumber = indexed.ToLookup(x => x.Number.Full, x => x.Record, StringComparer.Ordinal);
        // A number stored with an extension also answers calls from its switchboard number.
        _byBaseNumber = indexed.Where(x => x.Number.HasExtension).ToLookup(x => x.Number.Base, x => x.Record, StringComparer.Ordinal);
        // A company's switchboard number also answers direct-dial calls from behind it (prefix fallback in Find).
        _companiesByNumber = indexed
            .Where(x => x.Record.Kind == RecordKind.Contact && string.Equals(x.Record.ContactType, "Company", StringComparison.OrdinalIgnoreCase))
            .ToLookup(x => x.Number.Full, x => x.Record, StringComparer.Ordinal);
        ContactCount = contacts.Count;
        CustomerCount = customers.Count;
        VendorCount = vendors.Count;
    }

    public DateTimeOffset LoadedAt { get; }
    public int ContactCount { get; }
    public int CustomerCount { get; }
    public int VendorCount { get; }

    /// <summary>
    /// The records of <paramref name="page"/> that have <paramref name="number"/>. Contacts match on their own
    /// numbers. Customers and vendors match only through a linked contact: either the linked contact (or a person
    /// of that company contact) has the number, or the customer/vendor has it and is linked to a contact. A
    /// customer or vendor without a contact link never matches, as the vendor's docs require.
    /// </summary>
    /// Without an exact match, the company contact whose stored number is the longest prefix of the caller's number
    /// (sharing at least <see cref="MinimumPrefixNationalDigits"/> national digits) is the match: a direct dial
    /// such as +4930123456201 finds the company stored only with its switchboard +4930123456.
    public IReadOnlyList<DirectoryRecord> Find(NormalizedNumber number, CtiPage page)
    {
        var exact = Resolve(_byFullNumber[number.Full], page);
        if (exact.Count > 0)
        {
            return exact;
        }
        if (!number.HasExtension && Resolve(_byBaseNumber[number.Full], page) is { Count: > 0 } byBase)
        {
            return byBase;
        }
        var shortest = number.CountryPrefixLength + MinimumPrefixNationalDigits;
        for (var length = number.Full.Length - 1; length >= shortest; length--)
        {
            if (Resolve(_companiesByNumber[number.Full[..length]], page) is { Count: > 0 } byPrefix)
            {
                return byPrefix;
            }
        }
        return [];
    }

    private List<DirectoryRecord> Resolve(IEnumerable<DirectoryRecord> hits, CtiPage page)
    {
        var result = new List<DirectoryRecord>();
        foreach (var hit in hits)
        {
            var resolved = page switch
            {
                CtiPage.Contacts => ContactsFor(hit),
                CtiPage.Customers => PartiesFor(hit, RecordKind.Customer, _customers),
                _ => PartiesFor(hit, RecordKind.Vendor, _vendors),
            };
            result.AddRange(resolved.Where(r => !result.Contains(r)));
        }
        return result.OrderBy(r => r.Number, StringComparer.Ordinal).ToList();
    }

    private IEnumerable<DirectoryRecord> ContactsFor(DirectoryRecord hit)
    {
        if (hit.Kind == RecordKind.Contact)
        {
            return [hit];
        }
        // A party's links list its company contact and that company's people: the call is for the company.
        var linked = _contactsByParty[hit.Id].Select(id => _contacts.GetValueOrDefault(id)).OfType<DirectoryRecord>().ToList();
        var companies = linked.Where(c => string.Equals(c.ContactType, "Company", StringComparison.OrdinalIgnoreCase)).ToList();
        return companies.Count > 0 ? companies : linked;
    }

    private IEnumerable<DirectoryRecord> PartiesFor(DirectoryRecord hit, RecordKind kind, Dictionary<Guid, DirectoryRecord> parties)
    {
        if (hit.Kind == kind)
        {
            return _contactsByParty[hit.Id].Any() ? [hit] : [];
        }
        if (hit.Kind != RecordKind.Contact)
        {
            return [];
        }
        // Business relations hang on company contacts; a person reaches them through its company.
        var contactIds = new List<Guid> { hit.Id };
        if (hit.CompanyNumber is { Length: > 0 } company && company != hit.Number && _contactsByNumber.TryGetValue(company, out var companyContact))
        {
            contactIds.Add(companyContact.Id);
        }
        return contactIds
            .SelectMany(id => _partiesByContact[id])
            .Select(id => parties.GetValueOrDefault(id))
            .OfType<DirectoryRecord>();
    }
}

/// <summary>
/// The Business Central directory, read through the API and kept in memory for the refresh interval of the
/// connector settings; the clock is injected so the interval can be tested without waiting.
/// </summary>
internal sealed class BusinessCentralDirectory(BusinessCentralApiClient api, PhoneNumberNormalizer normalizer, StarfaceCtiOptions options, TimeProvider time)
{
    /// <summary>
    /// Contact-link reads in flight at once: Business Central processes only a few requests of one user at a time
    /// and queues or throttles (429) the rest.
    /// </summary>
    public const int LinkReadParallelism = 4;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile DirectorySnapshot? _snapshot;

    public async Task<DirectorySnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } fresh && IsFresh(fresh))
        {
            return fresh;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } again && IsFresh(again))
            {
                return again;
            }
            var loaded = await LoadAsync(cancellationToken);
            _snapshot = loaded;
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh(DirectorySnapshot snapshot) => time.GetUtcNow() - snapshot.LoadedAt < options.DirectoryRefreshInterval;

    private async Task<DirectorySnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var contacts = await api.GetAllAsync("contacts?$select=id,number,type,displayName,companyNumber,phoneNumber,mobilePhoneNumber", cancellationToken);
        var customers = await api.GetAllAsync("customers?$select=id,number,displayName,phoneNumber", cancellationToken);
        var vendors = await api.GetAllAsync("vendors?$select=id,number,displayName,phoneNumber", cancellationToken);

        var customerRecords = customers.Select(c => Record(RecordKind.Customer, c, "phoneNumber")).OfType<DirectoryRecord>().ToList();
        var vendorRecords = vendors.Select(v => Record(RecordKind.Vendor, v, "phoneNumber")).OfType<DirectoryRecord>().ToList();
        return new DirectorySnapshot(
            contacts.Select(c => Record(RecordKind.Contact, c, "phoneNumber", "mobilePhoneNumber") is { } r
                ? r with { ContactType = VendorJson.Text(c["type"]), CompanyNumber = VendorJson.Text(c["companyNumber"]) }
                : null).OfType<DirectoryRecord>().ToList(),
            customerRecords,
            vendorRecords,
            await LoadLinksAsync(customerRecords.Concat(vendorRecords).ToList(), cancellationToken),
            normalizer,
            time.GetUtcNow());
    }

    /// <summary>
    /// The contact links of every customer and vendor. The contactsInformation page answers only for one party
    /// (it refuses a company-wide read with "id type not specified."), so it is read per party through the
    /// documented navigation <c>customers({id})/contactsInformation</c> / <c>vendors({id})/contactsInformation</c>,
    /// a few at a time. Each answer lists the party's company contact and the company's person contacts.
    /// </summary>
    private async Task<IReadOnlyList<(Guid ContactId, Guid RelatedId)>> LoadLinksAsync(IReadOnlyList<DirectoryRecord> parties, CancellationToken cancellationToken)
    {
        var links = new ConcurrentBag<(Guid, Guid)>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = LinkReadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(parties, parallel, async (party, token) =>
        {
            var (entitySet, relatedType) = party.Kind == RecordKind.Customer ? ("customers", "Customer") : ("vendors", "Vendor");
            IReadOnlyList<JsonObject> rows;
            try
            {
                rows = await api.GetAllAsync($"{entitySet}({party.Id:D})/contactsInformation", token);
            }
            catch (VendorRejectedException e) when (e.StatusCode == 404)
            {
                // Deleted since the list was read (a refresh of many parties takes a while): it has no links.
                return;
            }
            foreach (var row in rows)
            {
                if (Guid.TryParse(VendorJson.Text(row["contactId"]), out var contactId)
                    && Guid.TryParse(VendorJson.Text(row["relatedId"]), out var relatedId) && relatedId == party.Id
                    && string.Equals(VendorJson.Text(row["relatedType"]), relatedType, StringComparison.Ordinal))
                {
                    links.Add((contactId, relatedId));
                }
            }
        });
        return links.ToList();
    }

    private static DirectoryRecord? Record(RecordKind kind, JsonObject json, params string[] phoneFields)
    {
        if (!Guid.TryParse(VendorJson.Text(json["id"]), out var id) || VendorJson.Text(json["number"]) is not { Length: > 0 } number)
        {
            return null;
        }
        var phones = phoneFields.Select(f => VendorJson.Text(json[f])).OfType<string>().Where(p => p.Length > 0).ToList();
        return new DirectoryRecord(kind, id, number, VendorJson.Text(json["displayName"]) ?? number, phones);
    }
}
