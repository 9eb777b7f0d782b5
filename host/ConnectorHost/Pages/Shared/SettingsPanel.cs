using System.Text.Json.Nodes;
using ConnectorHost.Core.ConnectorSettings;
using ConnectorHost.Core.FieldOptions.GetFieldOptions;
using ConnectorHost.Sdk.Schema;
using MediatR;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ConnectorHost.Pages.Shared;

/// <summary>One connector's settings form of a user, group or role: the schema's fields by section, with values, errors and warnings.</summary>
internal sealed record SettingsPanel(string ConnectorId, IReadOnlyList<SettingsSection> Sections, int Version)
{
    public const string Prefix = "s.";

    public bool Stored => Version > 0;

    /// <summary>
    /// Builds the form: <paramref name="shown"/> is what the admin typed after a refused save (secrets never echoed), else the stored values;
    /// vendor choices come from the field-options use case (cached there; a vendor that cannot answer leaves a text box).
    /// </summary>
    public static async Task<SettingsPanel> BuildAsync(IMediator mediator, string connectorId, IReadOnlyList<FieldSchema> fields, ConnectorSettingsDto stored,
        JsonObject? shown, ModelStateDictionary errors, IReadOnlyList<FieldWarning> warnings, bool locked, CancellationToken ct)
    {
        var values = shown ?? stored.Settings;
        var fetched = new Dictionary<string, FieldOptionsDto?>();
        foreach (var field in fields.Where(f => f.OptionsFromConnector))
        {
            try
            {
                fetched[field.Key] = await mediator.Send(new GetFieldOptions(connectorId, field.Key), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                fetched[field.Key] = null;
            }
        }
        // Conditions are judged by the SDK's own rule, with the vendor's choices where a condition looks at such a field.
        var choices = fetched.Where(o => o.Value is not null).ToDictionary(o => o.Key, o => o.Value!.Items);
        var views = new List<SchemaFieldView>();
        foreach (var field in fields)
        {
            var options = fetched.GetValueOrDefault(field.Key);
            var failed = fetched.ContainsKey(field.Key) && options is null;
            var error = errors.TryGetValue(Prefix + field.Key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
            views.Add(new SchemaFieldView(field, field.Type == FieldType.Secret ? null : SettingsForm.ValueOf(field, values), Prefix)
            {
                Secret = stored.Secrets.TryGetValue(field.Key, out var secret) ? secret : null,
                Error = error,
                Warning = warnings.Where(w => AdminPageModel.FieldName(w.Field) == field.Key).Select(w => w.Message).FirstOrDefault(),
                Options = options,
                OptionsFailed = failed,
                Locked = locked || (field.ReadOnlyAfterCreate && stored.Version > 0 && stored.Settings[field.Key] is not null),
                Visible = field.VisibleWhen is null || SchemaValidator.ConditionHolds(fields, field.VisibleWhen, values, choices),
                RequiredNow = field.RequiredWhen is not null && SchemaValidator.ConditionHolds(fields, field.RequiredWhen, values, choices),
            });
        }
        var sections = views.GroupBy(v => v.Field.Section ?? "").Select(g => new SettingsSection(g.Key, g.ToList())).ToList();
        return new SettingsPanel(connectorId, sections, stored.Version);
    }
}
