using System.Text.Json.Nodes;
using ConnectorHost.Core.Sync;
using ConnectorHost.Sdk;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Model;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using ConnectorHost.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorHost.Conformance;

/// <summary>One run of the checks against one connector; collects outcomes and every text a secret must not appear in.</summary>
internal sealed class ConformanceRun(ConformanceSubject subject)
{
    private const string RetryAfterSeconds = "7";
    private readonly CapturedLogs _logs = new();
    private readonly List<(string Where, string Text)> _shown = [];
    private readonly List<FieldError> _errors = [];
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private PluginHarness _harness = null!;
    private ConnectorDescription _description = null!;
    private FaultProxy _proxy = null!;

    public List<ConformanceCheck> Checks { get; } = [];

    public ILoggerFactory Loggers { get; private set; } = null!;

    private ConnectorCapabilities Capabilities => _description.Manifest.Capabilities;

    public async Task RunAsync(Func<JsonObject, PluginHarness> createHarness)
    {
        var vendor = await subject.StartVendorAsync();
        await using var vendorLifetime = vendor.Lifetime;
        await using var proxy = await FaultProxy.StartAsync(vendor.BaseAddress);
        _proxy = proxy;
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        Loggers = loggers;
        var settings = subject.ConnectorSettings(proxy.BaseAddress);
        try
        {
            _harness = createHarness(settings);
            _description = await _harness.Send(new DescribeConnector());
        }
        catch (Exception ex)
        {
            Fail(ConformanceChecks.Loads, $"the module did not load: {ConnectorConformance.MessagesOf(ex)}");
            return;
        }
        await using var harness = _harness;
        Pass(ConformanceChecks.Loads);
        AddConnectorSecrets(settings);
        CheckManifest();
        CheckCapabilities();
        CheckConnectorSettings(settings);
        await CheckDefaultsAsync();
        foreach (var field in _description.Schema.User.Where(f => f.Type == FieldType.Secret))
        {
            AddSecret($"user field '{field.Key}'", subject.User.Settings[field.Key]);
        }
        foreach (var (value, index) in subject.ExtraSecrets.Select((v, i) => (v, i)))
        {
            AddSecret($"extra secret #{index + 1}", value);
        }
        var user = await CheckUserSettingsAsync();
        await CheckConflictAsync();
        await CheckFieldErrorsAsync();
        var vendorId = user is null ? null : await CheckPushAsync(user.Value);
        await CheckVendorFailuresAsync(user, vendorId);
        CheckSecrets();
    }

    private void CheckManifest()
    {
        var manifest = _description.Manifest;
        var problems = new List<string>();
        if (manifest.Id != subject.ConnectorId)
        {
            problems.Add($"the manifest id '{manifest.Id}' is not the connector id '{subject.ConnectorId}' (the host faults the plugin)");
        }
        var host = Version.Parse(SdkInfo.Version);
        if (!Version.TryParse(manifest.SdkVersion, out var sdk))
        {
            problems.Add($"the SDK version '{manifest.SdkVersion}' is not a version: use SdkInfo.Version");
        }
        else if (sdk.Major != host.Major || sdk > host)
        {
            problems.Add($"the SDK version {manifest.SdkVersion} does not fit the host's SDK {SdkInfo.Version} (same major, not newer)");
        }
        Record(ConformanceChecks.Manifest, problems);
    }

    private void CheckCapabilities()
    {
        var problems = new List<string>();
        using var scope = _harness.Services.CreateScope();
        foreach (var (capability, handler) in ConnectorConformance.CapabilityHandlers)
        {
            var declared = Capabilities.HasFlag(capability);
            var handled = scope.ServiceProvider.GetService(handler) is not null;
            if (declared && !handled)
            {
                problems.Add($"{capability} is declared but nothing handles {handler.GenericTypeArguments[0].Name}");
            }
            else if (!declared && handled)
            {
                problems.Add($"{handler.GenericTypeArguments[0].Name} is handled but {capability} is not declared, so the host never sends it");
            }
        }
        if (_description.Actions.Count > 0 && !Capabilities.HasFlag(ConnectorCapabilities.Actions))
        {
            problems.Add("actions are described but the Actions capability is not declared");
        }
        var schema = _description.Schema;
        if (schema.User.Concat(schema.Group).Concat(schema.Role).Any(f => f.OptionsFromConnector) && !Capabilities.HasFlag(ConnectorCapabilities.ListFieldOptions))
        {
            problems.Add("a field takes its options from the connector but ListFieldOptions is not declared");
        }
        Record(ConformanceChecks.Capabilities, problems);
    }

    private void CheckConnectorSettings(JsonObject settings)
    {
        var result = SchemaValidator.Validate(_description.Schema.Connector, settings);
        Record(ConformanceChecks.ConnectorSettings, result.Errors.Select(e => $"{e.Field}: {e.Message}"));
    }

    private async Task CheckDefaultsAsync()
    {
        var problems = new List<string>();
        var schema = _description.Schema;
        var documents = new List<(string Name, IReadOnlyList<FieldSchema> Fields)>
        {
            ("connector", schema.Connector), ("user", schema.User), ("group", schema.Group), ("role", schema.Role),
        };
        documents.AddRange(_description.Actions.Select(a => ($"action '{a.Name}' input", a.Input)));
        foreach (var (name, fields) in documents)
        {
            var withDefaults = fields.Where(f => f.Default is not null).ToList();
            if (withDefaults.Count == 0)
            {
                continue;
            }
            var document = new JsonObject();
            foreach (var field in withDefaults)
            {
                document[field.Key] = field.Default!.DeepClone();
            }
            var result = name == "connector" || name.StartsWith("action", StringComparison.Ordinal)
                ? SchemaValidator.Validate(fields, document)
                : await _harness.ValidateSchemaAsync(fields, document);
            var keys = withDefaults.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(result.Errors.Where(e => keys.Contains(FieldOf(e.Field))).Select(e => $"{name} field '{e.Field}': its default is refused: {e.Message}"));
        }
        Record(ConformanceChecks.Defaults, problems);
    }

    private async Task<(Guid Id, JsonObject Stored)?> CheckUserSettingsAsync()
    {
        var sample = subject.User;
        var user = _harness.Directory.AddUser(sample.Username, sample.FirstName, sample.LastName, sample.Email, sample.Extension, null, [.. sample.PhoneNumbers]);
        var (errors, _, stored) = await PutAsync(user.Id, sample.Settings);
        if (stored is null)
        {
            Fail(ConformanceChecks.UserSettings, "the sample user's settings are refused: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
            return null;
        }
        Pass(ConformanceChecks.UserSettings);
        return (user.Id, stored);
    }

    private async Task CheckConflictAsync()
    {
        if (!subject.SameSettingsConflict)
        {
            Skip(ConformanceChecks.ConflictFlag, "the subject declares no clash between users with the same settings");
            return;
        }
        var sample = subject.User;
        var twin = _harness.Directory.AddUser("conformance.twin", "Conformance", "Twin", "conformance.twin@example.com");
        var (errors, conflict, stored) = await PutAsync(twin.Id, sample.Settings);
        if (stored is not null)
        {
            Fail(ConformanceChecks.ConflictFlag, "a second user with the same settings was accepted");
        }
        else if (!conflict)
        {
            Fail(ConformanceChecks.ConflictFlag, "a second user with the same settings was refused without IsConflict (the API answers 400 instead of 409): "
                + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }
        else
        {
            Pass(ConformanceChecks.ConflictFlag);
        }
    }

    private async Task CheckFieldErrorsAsync()
    {
        var problems = new List<string>();
        foreach (var (refused, index) in subject.RefusedUserSettings.Select((r, i) => (r, i)))
        {
            var other = _harness.Directory.AddUser($"conformance.refused{index + 1}", "Refused", $"Sample{index + 1}", $"conformance.refused{index + 1}@example.com");
            if ((await PutAsync(other.Id, refused)).Stored is not null)
            {
                problems.Add($"refused sample #{index + 1} was accepted");
            }
        }
        var keys = _description.Schema.User.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(_errors.Where(e => !keys.Contains(FieldOf(e.Field))).Select(e => $"the error '{e.Message}' names '{e.Field}', which is no field of the user schema"));
        Record(ConformanceChecks.FieldErrors, problems);
    }

    private async Task<string?> CheckPushAsync((Guid Id, JsonObject Stored) user)
    {
        if (!Capabilities.HasFlag(ConnectorCapabilities.PushUser))
        {
            foreach (var name in new[] { ConformanceChecks.MatchKey, ConformanceChecks.NoPhantomDiff, ConformanceChecks.NoDuplicate, ConformanceChecks.DeleteAbsent })
            {
                Skip(name, "PushUser is not declared");
            }
            return null;
        }
        var context = _harness.Directory.ContextOf(user.Id);
        PushResult first;
        try
        {
            first = await _harness.Send(new PushUser(context, PushOperation.Upsert, null, "conformance-push-1"));
        }
        catch (Exception ex)
        {
            Shown("exception of the first push", ConnectorConformance.MessagesOf(ex));
            var failure = $"pushing the sample user failed: {ConnectorConformance.MessagesOf(ex)}";
            foreach (var name in new[] { ConformanceChecks.MatchKey, ConformanceChecks.NoPhantomDiff, ConformanceChecks.NoDuplicate, ConformanceChecks.DeleteAbsent })
            {
                Fail(name, failure);
            }
            return null;
        }
        if (first.SettingsPatch is { } patch)
        {
            var merged = (JsonObject)user.Stored.DeepClone();
            foreach (var (field, value) in patch)
            {
                merged[field] = value?.DeepClone();
            }
            _harness.Directory.SetUserSettings(user.Id, merged);
            context = _harness.Directory.ContextOf(user.Id);
        }
        var projection = Capabilities.HasFlag(ConnectorCapabilities.ProjectUser) ? await _harness.Send(new ProjectUser(context)) : null;
        if (projection is not null)
        {
            Shown("projection", projection.Payload.ToJsonString() + " " + string.Join(" ", projection.Warnings));
        }
        var listed = Capabilities.HasFlag(ConnectorCapabilities.ListVendorUsers) ? await ListAllAsync() : null;
        var atVendor = listed?.FirstOrDefault(v => v.VendorId == first.VendorId);
        CheckMatchKey(projection, listed, atVendor);
        CheckPhantomDiff(projection, listed, atVendor, first);

        var second = await _harness.Send(new PushUser(context, PushOperation.Upsert, null, "conformance-push-2"));
        var problems = new List<string>();
        if (second.VendorId != first.VendorId)
        {
            problems.Add($"the second push without a vendor id answered vendor id '{second.VendorId}', the first '{first.VendorId}'");
        }
        if (listed is not null && projection?.MatchKey is { Length: > 0 } key)
        {
            var copies = (await ListAllAsync()).Count(v => string.Equals(v.MatchKey, key, StringComparison.OrdinalIgnoreCase));
            if (copies != 1)
            {
                problems.Add($"the vendor lists {copies} users with the match key '{key}' after two pushes");
            }
        }
        Record(ConformanceChecks.NoDuplicate, problems);

        try
        {
            await _harness.Send(new PushUser(context, PushOperation.Delete, first.VendorId, "conformance-delete-1"));
            await _harness.Send(new PushUser(context, PushOperation.Delete, first.VendorId, "conformance-delete-2"));
            Pass(ConformanceChecks.DeleteAbsent);
        }
        catch (Exception ex)
        {
            Shown("exception of a delete", ConnectorConformance.MessagesOf(ex));
            Fail(ConformanceChecks.DeleteAbsent, $"deleting a user the vendor no longer has failed: {ConnectorConformance.MessagesOf(ex)}");
        }
        // The user is gone at the vendor now; the failure checks push it again, which must not matter.
        return first.VendorId;
    }

    private void CheckMatchKey(Projection? projection, List<VendorUser>? listed, VendorUser? atVendor)
    {
        if (projection is null)
        {
            Skip(ConformanceChecks.MatchKey, "ProjectUser is not declared");
            return;
        }
        if (projection.MatchKey is not { Length: > 0 } key)
        {
            Fail(ConformanceChecks.MatchKey, "the projection carries no match key: plan and reconcile can never pair the user with the vendor's record");
            return;
        }
        if (atVendor is not null && !string.Equals(atVendor.MatchKey, key, StringComparison.OrdinalIgnoreCase))
        {
            Fail(ConformanceChecks.MatchKey, $"the projection's match key '{key}' differs from the vendor list's '{atVendor.MatchKey}'");
            return;
        }
        Pass(ConformanceChecks.MatchKey, listed is null ? "the vendor list is not declared: only the projection was checked" : "");
    }

    private void CheckPhantomDiff(Projection? projection, List<VendorUser>? listed, VendorUser? atVendor, PushResult first)
    {
        if (listed is null || projection is null)
        {
            Skip(ConformanceChecks.NoPhantomDiff, "needs ProjectUser and ListVendorUsers");
            return;
        }
        if (atVendor is null)
        {
            Fail(ConformanceChecks.NoPhantomDiff, $"the pushed user (vendor id '{first.VendorId}') is not in the vendor's list");
            return;
        }
        var differences = VendorComparison.Diff(projection.Payload, atVendor.Fields);
        Record(ConformanceChecks.NoPhantomDiff, differences.Select(d => $"'{d.Field}': vendor lists {d.Vendor?.ToJsonString() ?? "null"}, the projection has {d.Desired?.ToJsonString() ?? "null"}"));
    }

    private async Task<List<VendorUser>> ListAllAsync()
    {
        var all = new List<VendorUser>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _harness.Send(new ListVendorUsers(cursor, 200));
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && ++pages < 100);
        Shown("vendor user list", string.Join(" ", all.Select(u => u.Fields.ToJsonString())));
        return all;
    }

    private async Task CheckVendorFailuresAsync((Guid Id, JsonObject Stored)? user, string? vendorId)
    {
        Func<CancellationToken, Task>? call = null;
        if (Capabilities.HasFlag(ConnectorCapabilities.ListVendorUsers))
        {
            call = ct => _harness.Send(new ListVendorUsers(null, 50), ct);
        }
        else if (Capabilities.HasFlag(ConnectorCapabilities.PushUser) && user is { } u)
        {
            call = ct => _harness.Send(new PushUser(_harness.Directory.ContextOf(u.Id), PushOperation.Upsert, vendorId, "conformance-fault"), ct);
        }
        var names = new[] { ConformanceChecks.Vendor401, ConformanceChecks.Vendor429, ConformanceChecks.Vendor5xx, ConformanceChecks.VendorGarbage, ConformanceChecks.VendorTimeout };
        if (call is null)
        {
            foreach (var name in names)
            {
                Skip(name, "the connector declares neither ListVendorUsers nor PushUser");
            }
            return;
        }
        var echo = string.Join(" ", _secrets.Keys);
        await ExpectAsync(ConformanceChecks.Vendor401, FaultProxy.Status(401, echo), call, ex => ex is VendorAuthenticationException ? null : "expected VendorAuthenticationException");
        await ExpectAsync(ConformanceChecks.Vendor429, FaultProxy.Status(429, echo, RetryAfterSeconds), call, ex => ex switch
        {
            VendorUnavailableException { RetryAfter: var wait } when wait == TimeSpan.FromSeconds(7) => null,
            VendorUnavailableException { RetryAfter: var wait } => $"VendorUnavailableException carries RetryAfter {wait?.ToString() ?? "null"}, the vendor sent Retry-After: {RetryAfterSeconds}",
            _ => "expected VendorUnavailableException with RetryAfter",
        });
        var problems5xx = new List<string>();
        foreach (var status in new[] { 500, 503 })
        {
            var problem = await FaultAsync(FaultProxy.Status(status, echo), call, ex => ex is VendorUnavailableException ? null : $"{status}: expected VendorUnavailableException");
            if (problem is not null)
            {
                problems5xx.Add(problem);
            }
        }
        Record(ConformanceChecks.Vendor5xx, problems5xx);
        await ExpectAsync(ConformanceChecks.VendorGarbage, FaultProxy.Garbage(echo), call, ex => ex is VendorUnavailableException ? null : "expected VendorUnavailableException");
        if (subject.RequestTimeout is not { } timeout)
        {
            Skip(ConformanceChecks.VendorTimeout, subject.TimeoutNotConfigurable);
            return;
        }
        await ExpectAsync(ConformanceChecks.VendorTimeout, FaultProxy.NoAnswer, call, ex => ex is VendorUnavailableException ? null : "expected VendorUnavailableException", timeout + TimeSpan.FromSeconds(20));
    }

    private async Task ExpectAsync(string name, Func<Microsoft.AspNetCore.Http.HttpContext, CancellationToken, Task> fault, Func<CancellationToken, Task> call, Func<Exception, string?> judge, TimeSpan? limit = null)
    {
        var problem = await FaultAsync(fault, call, judge, limit);
        Record(name, problem is null ? [] : [problem]);
    }

    private async Task<string?> FaultAsync(Func<Microsoft.AspNetCore.Http.HttpContext, CancellationToken, Task> fault, Func<CancellationToken, Task> call, Func<Exception, string?> judge, TimeSpan? limit = null)
    {
        _proxy.Fault = fault;
        var before = _proxy.FaultedRequests;
        using var giveUp = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(60));
        try
        {
            await call(giveUp.Token);
            return _proxy.FaultedRequests == before ? "the call never reached the vendor address (is the vendor URL taken from the settings?)" : "the call succeeded although the vendor failed";
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
            return $"no answer after {(limit ?? TimeSpan.FromSeconds(60)).TotalSeconds:0} s: the connector does not give up on a silent vendor";
        }
        catch (Exception ex)
        {
            var messages = ConnectorConformance.MessagesOf(ex);
            Shown("exception", messages);
            return judge(ex) is { } problem ? $"{problem}, got {messages}" : null;
        }
        finally
        {
            _proxy.Fault = null;
        }
    }

    private void CheckSecrets()
    {
        var places = _shown.Concat(_errors.Select(e => ("field error", e.Message)))
            .Concat(_logs.Entries.Select(l => ($"log of {l.Category}", l.Text)));
        var leaks = new List<string>();
        foreach (var (where, text) in places)
        {
            foreach (var (value, name) in _secrets)
            {
                if (text.Contains(value, StringComparison.Ordinal))
                {
                    leaks.Add($"the {name} appears in the {where}: {Redact(text)}");
                }
            }
        }
        Record(ConformanceChecks.Secrets, leaks.Distinct());
    }

    private async Task<(IReadOnlyList<FieldError> Errors, bool IsConflict, JsonObject? Stored)> PutAsync(Guid userId, JsonObject proposed)
    {
        var outcome = await _harness.PutUserSettingsAsync(userId, (JsonObject)proposed.DeepClone());
        _errors.AddRange(outcome.Errors);
        return (outcome.Errors, outcome.IsConflict, outcome.Stored);
    }

    /// <summary>Adds the connector's Secret settings once the schema is known.</summary>
    private void AddConnectorSecrets(JsonObject settings)
    {
        foreach (var field in _description.Schema.Connector.Where(f => f.Type == FieldType.Secret))
        {
            AddSecret($"connector setting '{field.Key}'", settings[field.Key]);
        }
    }

    private void AddSecret(string name, JsonNode? value)
    {
        // Very short values (a 1-digit flag) would match everywhere; real secrets are longer.
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length >= 4 && text != SchemaValidator.SecretMask)
        {
            _secrets.TryAdd(text, name);
        }
    }

    private void Shown(string where, string text) => _shown.Add((where, text));

    private string Redact(string text) => _secrets.Aggregate(text, (t, s) => t.Replace(s.Key, $"<{s.Value}>", StringComparison.Ordinal));

    private static string FieldOf(string field) => field.Split('[', '.')[0];

    private void Record(string name, IEnumerable<string> problems)
    {
        var list = problems.ToList();
        if (list.Count == 0)
        {
            Pass(name);
        }
        else
        {
            Fail(name, string.Join("; ", list));
        }
    }

    private void Pass(string name, string detail = "") => Checks.Add(new ConformanceCheck(name, ConformanceOutcome.Passed, detail));

    private void Fail(string name, string detail) => Checks.Add(new ConformanceCheck(name, ConformanceOutcome.Failed, Redact(detail)));

    private void Skip(string name, string detail) => Checks.Add(new ConformanceCheck(name, ConformanceOutcome.Skipped, detail));
}
