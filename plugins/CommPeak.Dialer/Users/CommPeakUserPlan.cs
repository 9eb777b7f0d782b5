using System.Globalization;
using System.Text.Json.Nodes;
using CommPeak.Dialer.Settings;
using ConnectorHost.Sdk.Model;

namespace CommPeak.Dialer.Users;

/// <summary>
/// A user as CommPeak receives it: the user's own settings merged with what their core roles and groups map to,
/// in CommPeak's field names. <see cref="Record"/> is every value (the preview; secrets left out), the create and
/// update bodies are the subsets each documented call takes.
/// </summary>
internal sealed class CommPeakUserPlan
{
    private readonly JsonObject _wire;

    private CommPeakUserPlan(string username, JsonObject wire, JsonObject record, IReadOnlyList<string> warnings)
    {
        Username = username;
        _wire = wire;
        Record = record;
        Warnings = warnings;
    }

    public string Username { get; }

    /// <summary>All values keyed by API name, without secrets: the projection, and what a vendor read is compared with.</summary>
    public JsonObject Record { get; }

    public IReadOnlyList<string> Warnings { get; }

    public static CommPeakUserPlan For(UserContext user, CommPeakOptions options, Func<string, IReadOnlyDictionary<string, string>?>? knownOptions = null)
    {
        var settings = user.Settings;
        var core = user.User;
        var warnings = new List<string>();
        var username = Text(settings, CommPeakSchema.Username) ?? core.Username;

        var roles = Effective(user, CommPeakSchema.Roles);
        var skillGroups = Effective(user, CommPeakSchema.SkillGroups);
        var tags = Effective(user, CommPeakSchema.Tags);
        var desks = Ids(settings[CommPeakSchema.Desks]);
        var superuser = settings[CommPeakSchema.TenantSuperuser]?.GetValue<bool>()
            ?? user.Roles.Any(r => r.Settings[CommPeakSchema.TenantSuperuser]?.GetValue<bool>() == true);
        var sipOption = Text(settings, CommPeakSchema.SipOption) ?? CommPeakSchema.SipWebRtc;
        var active = core.Enabled && settings[CommPeakSchema.Active]?.GetValue<bool>() != false;

        var wire = new JsonObject
        {
            [CommPeakWireFields.Username] = username,
            [CommPeakWireFields.Email] = core.Email,
            [CommPeakWireFields.FirstName] = core.FirstName,
            [CommPeakWireFields.LastName] = core.LastName,
            [CommPeakWireFields.SipOption] = sipOption,
            [CommPeakWireFields.SipUri] = sipOption == CommPeakSchema.SipCustom ? Text(settings, CommPeakSchema.CustomSipUri) ?? "" : "",
            [CommPeakWireFields.UseWebRtc] = Flag(sipOption == CommPeakSchema.SipWebRtc),
            [CommPeakWireFields.VirtualExtension] = Text(settings, CommPeakSchema.VirtualExtension) ?? "",
            [CommPeakWireFields.IsActive] = Flag(active),
            [CommPeakWireFields.Roles] = Array(roles),
            [CommPeakWireFields.SkillGroups] = Array(skillGroups),
            [CommPeakWireFields.Desks] = Array(desks),
            [CommPeakWireFields.MemberAllDesks] = Flag(settings[CommPeakSchema.MemberAllDesks]?.GetValue<bool>() == true),
            [CommPeakWireFields.UseExtendedIpAcl] = Flag(settings[CommPeakSchema.UseExtendedIpAcl]?.GetValue<bool>() == true),
            [CommPeakWireFields.KerberosUsername] = Text(settings, CommPeakSchema.KerberosLogin) ?? "",
            [CommPeakWireFields.TimeZoneId] = Text(settings, CommPeakSchema.TimeZone) ?? core.TimeZone ?? "",
            [CommPeakWireFields.DefaultLanguage] = Text(settings, CommPeakSchema.UserLanguage) ?? "en_US",
            [CommPeakWireFields.TwoFactorType] = Text(settings, CommPeakSchema.TwoFactorType) ?? "default",
            [CommPeakWireFields.MaxSessionTime] = Number(settings[CommPeakSchema.MaxSessionTime]) ?? CommPeakSchema.DefaultMaxSessionTime.ToString(CultureInfo.InvariantCulture),
            // Empty: no limit, CommPeak's default (the field is a string in its reference).
            [CommPeakWireFields.MaxConcurrentSessions] = Number(settings[CommPeakSchema.MaxConcurrentSessions]) ?? "",
        };

        // Settings the public API names no field for: on the wire only once the admin mapped them to the tenant's names.
        var effective = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            [CommPeakSchema.Tags] = Array(tags),
            [CommPeakSchema.TenantSuperuser] = JsonValue.Create(superuser),
        };
        var unsent = new List<string>();
        foreach (var key in CommPeakWireFields.Undocumented)
        {
            var value = effective.TryGetValue(key, out var computed) ? computed : settings[key];
            if (options.UndocumentedFieldNames.TryGetValue(key, out var name))
            {
                // Absent (e.g. an erased write-only secret): leave CommPeak's value alone.
                if (value is not null)
                {
                    wire[name] = WireValue(value);
                }
            }
            else if (IsSet(key, value))
            {
                unsent.Add(key);
            }
        }
        if (unsent.Count > 0)
        {
            warnings.Add($"Not sent to CommPeak (its public API names no field for them; map them in the connector setting '{CommPeakSchema.UndocumentedFieldNames}' or use the mass-upload file): {string.Join(", ", unsent)}.");
        }

        if (settings[CommPeakSchema.MemberAllTags]?.GetValue<bool>() == true && tags.Count > 0)
        {
            warnings.Add("Member of all tenant tags: the explicit tag list has no effect.");
        }
        if (settings[CommPeakSchema.MemberAllSkillGroups]?.GetValue<bool>() == true && skillGroups.Count > 0)
        {
            warnings.Add("Member of all tenant skill groups: the explicit skill group list has no effect.");
        }
        if (!options.UpdateSendsMemberships)
        {
            warnings.Add("CommPeak documents roles, skill groups and desks for the create call only: later changes to them reach CommPeak through the mass-upload file (or turn on 'updateSendsMemberships' once the tenant's API reference confirms it).");
        }
        if (knownOptions is not null)
        {
            warnings.AddRange(Stale(knownOptions, CommPeakSchema.Roles, "Role", roles));
            warnings.AddRange(Stale(knownOptions, CommPeakSchema.SkillGroups, "Skill group", skillGroups));
            warnings.AddRange(Stale(knownOptions, CommPeakSchema.Tags, "Tag", tags));
            warnings.AddRange(Stale(knownOptions, CommPeakSchema.Desks, "Desk", desks));
        }

        var record = (JsonObject)wire.DeepClone();
        foreach (var secret in CommPeakWireFields.Secrets.Select(s => options.UndocumentedFieldNames.GetValueOrDefault(s)).OfType<string>())
        {
            record.Remove(secret);
        }
        return new CommPeakUserPlan(username, wire, record, warnings);
    }

    /// <summary>The body of POST /api/users: the documented create fields (plus mapped undocumented ones).</summary>
    public JsonObject CreateBody() => Subset(CommPeakWireFields.CreateFields, id: null, includeMemberships: true);

    /// <summary>The body of PUT /api/users/ for CommPeak user <paramref name="id"/> (id in the body: the path has none).</summary>
    public JsonObject UpdateBody(string id, bool includeMemberships) => Subset(CommPeakWireFields.UpdateFields, id, includeMemberships);

    /// <summary>The deactivation sent instead of a delete, which CommPeak does not document.</summary>
    public static JsonObject DeactivateBody(string id) => new() { [CommPeakWireFields.Id] = id, [CommPeakWireFields.IsActive] = CommPeakWireFields.False };

    /// <summary>The roles the user ends up with: their own, then those of their core roles and groups, each once.</summary>
    public static List<string> Effective(UserContext user, string key) =>
        [.. Ids(user.Settings[key])
            .Concat(user.Roles.SelectMany(r => Ids(r.Settings[key])))
            .Concat(user.Groups.SelectMany(g => Ids(g.Settings[key])))
            .Distinct(StringComparer.Ordinal)];

    private JsonObject Subset(IEnumerable<string> fields, string? id, bool includeMemberships)
    {
        var body = new JsonObject();
        if (id is not null)
        {
            body[CommPeakWireFields.Id] = id;
        }
        var wanted = fields.Concat(includeMemberships ? CommPeakWireFields.MembershipFields : []).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, value) in _wire)
        {
            if (wanted.Contains(name) || !CommPeakWireFields.DocumentedNames.Contains(name))
            {
                body[name] = value?.DeepClone();
            }
        }
        return body;
    }

    private static IEnumerable<string> Stale(Func<string, IReadOnlyDictionary<string, string>?> known, string key, string what, List<string> chosen)
    {
        if (known(key) is not { } list)
        {
            yield break;
        }
        foreach (var id in chosen.Where(c => !list.ContainsKey(c)))
        {
            yield return $"{what} {id} is no longer offered by CommPeak (deleted there?); CommPeak will refuse it. Pick another in '{key}' or in the mapped core role/group.";
        }
    }

    // Only values an admin chose are worth a warning; defaults (off, empty, tenant queue) change nothing at CommPeak.
    private static bool IsSet(string key, JsonNode? value) => value switch
    {
        null or JsonArray { Count: 0 } => false,
        JsonValue v when v.TryGetValue(out bool flag) => flag,
        JsonValue v when v.TryGetValue(out string? text) => !string.IsNullOrWhiteSpace(text) && !(key == CommPeakSchema.PersonalPredictiveQueue && text == CommPeakSchema.QueueTenant),
        _ => true,
    };

    public static List<string> Ids(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(i => i!.GetValue<string>())] : [];

    private static string? Text(JsonObject settings, string key) =>
        settings[key] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static string? Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out long l) ? l.ToString(CultureInfo.InvariantCulture)
        : node is JsonValue d && d.TryGetValue(out double x) ? ((long)x).ToString(CultureInfo.InvariantCulture)
        : null;

    private static string Flag(bool value) => value ? CommPeakWireFields.True : CommPeakWireFields.False;

    private static JsonArray Array(IEnumerable<string> ids) => new([.. ids.Select(i => (JsonNode?)JsonValue.Create(i))]);

    // CommPeak types its fields as strings: flags "1"/"0", numbers as digits, lists as arrays of ids.
    private static JsonNode? WireValue(JsonNode value) => value switch
    {
        JsonArray array => array.DeepClone(),
        JsonValue v when v.TryGetValue(out bool b) => Flag(b),
        JsonValue v when Number(v) is { } n => n,
        _ => value.DeepClone(),
    };
}
