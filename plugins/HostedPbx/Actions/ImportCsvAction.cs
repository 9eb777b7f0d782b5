using System.Text.Json.Nodes;
using System.Text;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;
using HostedPbx.Import;
using HostedPbx.Settings;
using HostedPbx.Users;

namespace HostedPbx.Actions;

/// <summary>
/// The Users page's import: creates one core user with hosted PBX settings per CSV row. Every row gets the
/// same checks as a settings change (schema, unique extension, inventory caller ID, existing forwarding
/// targets) plus duplicate checks within the file. Mode <c>fail</c> (default) writes nothing when any row is
/// wrong; mode <c>skip</c> creates the good rows and reports the others.
/// </summary>
internal sealed class ImportCsvAction(IDirectoryWriter writer, PbxMembers members, PbxUserRules rules, HostedPbxOptions options, IPhoneNumbers phoneNumbers)
    : ConnectorAction<ImportCsvAction.Input>
{
    private const string CsvInput = "csv";
    private const string FileInput = "file";
    private const string ModeInput = "mode";
    private const string ModeFail = "fail";
    private const string ModeSkip = "skip";

    private static readonly IReadOnlyList<FieldSchema> CoreFields =
    [
        new(CsvUserFile.FirstName, "First name", FieldType.String) { Required = true, MaxLength = 100 },
        new(CsvUserFile.LastName, "Last name", FieldType.String) { Required = true, MaxLength = 100 },
        new(CsvUserFile.Email, "Email", FieldType.Email),
        new(CsvUserFile.Username, "Username", FieldType.String) { MaxLength = 100 },
    ];

    private static readonly HashSet<string> BoolColumns =
        [HostedPbxSchema.VoicemailEnabled, HostedPbxSchema.ForwardingEnabled, HostedPbxSchema.DoNotDisturb];

    public override ActionDescriptor Descriptor { get; } = new("import-csv", "Import users (CSV)", ActionTarget.Connector,
        "Creates users from a UTF-8 CSV ({csv} text or {file}); {mode} 'fail' (default: any bad row imports nothing) or 'skip' (import the good rows).")
    {
        Input =
        [
            new(CsvInput, "CSV text", FieldType.String),
            new(FileInput, "CSV file", FieldType.File),
            new(ModeInput, "Mode", FieldType.Enum)
            {
                Default = ModeFail,
                AllowedValues = [new(ModeFail, "Any bad row imports nothing"), new(ModeSkip, "Import the good rows")],
            },
        ],
    };

    protected override async Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken)
    {
        var mode = input.Mode;

        CsvUserTable table;
        try
        {
            table = CsvUserFile.Parse(CsvUserFile.TextOf(request.Input[CsvInput], request.Input[FileInput]));
        }
        catch (CsvFileException e)
        {
            return ActionResult.Problem(400, "CSV cannot be read", e.Message, [new FieldError(e.Field, e.Message)]);
        }

        var existing = await members.ListAsync(cancellationToken);
        var rows = CheckRows(table, existing);

        if (mode == ModeFail && rows.Any(r => r.Errors.Count > 0))
        {
            var bad = rows.Where(r => r.Errors.Count > 0).ToList();
            return ActionResult.Problem(400, "CSV import failed; nothing was imported",
                $"{bad.Count} of {rows.Count} rows have errors (rows {string.Join(", ", bad.Select(r => r.Row))}). Fix them, or import with mode 'skip'.",
                [.. bad.SelectMany(r => r.Errors.Select(e => e.ToFieldError(r.Row)))]);
        }

        var created = new JsonArray();
        foreach (var row in rows.Where(r => r.Errors.Count == 0))
        {
            try
            {
                var userId = await writer.CreateUserAsync(row.Draft!, JsonDocuments.Reparse(row.Settings!), cancellationToken);
                created.Add(new JsonObject
                {
                    ["row"] = row.Row,
                    ["userId"] = userId.ToString(),
                    ["username"] = row.Draft!.Username,
                    ["extension"] = row.Draft.Extension,
                });
            }
            catch (DirectoryWriteException e)
            {
                row.Errors.AddRange(e.Errors.Select(error => new RowError(ColumnOf(error.Field), error.Message, e.IsConflict)));
            }
        }

        var failed = rows.Where(r => r.Errors.Count > 0).ToList();
        if (mode == ModeFail && failed.Count > 0)
        {
            // The host rolls back the users created above when the action answers with a problem.
            var conflict = failed.All(r => r.Errors.All(e => e.IsConflict));
            return ActionResult.Problem(conflict ? 409 : 400, "CSV import failed; nothing was imported",
                $"{failed.Count} of {rows.Count} rows were refused by the directory (rows {string.Join(", ", failed.Select(r => r.Row))}).",
                [.. failed.SelectMany(r => r.Errors.Select(e => e.ToFieldError(r.Row)))]);
        }

        return ActionResult.Json(new JsonObject
        {
            [ModeInput] = mode,
            ["rows"] = rows.Count,
            ["created"] = created,
            ["skipped"] = new JsonArray([.. failed.Select(r => (JsonNode?)new JsonObject
            {
                ["row"] = r.Row,
                ["errors"] = new JsonArray([.. r.Errors.Select(e => (JsonNode?)new JsonObject
                {
                    ["column"] = e.Column,
                    ["message"] = e.Describe(r.Row),
                })]),
            })]),
        });
    }

    private List<ImportRow> CheckRows(CsvUserTable table, IReadOnlyList<PbxMember> existing)
    {
        var owners = existing.Select(m => new ExtensionOwner(m.Extension, m.Name)).ToList();
        var usernames = existing.ToDictionary(m => m.User.Username, m => m.Name, StringComparer.OrdinalIgnoreCase);
        var rows = new List<ImportRow>();
        foreach (var csvRow in table.Rows)
        {
            var row = CheckRow(csvRow, table.Columns.Count, owners);
            if (row.Draft is { } draft)
            {
                if (usernames.TryGetValue(draft.Username, out var holder))
                {
                    row.Errors.Add(new RowError(CsvUserFile.Username, $"Username '{draft.Username}' is already used by {holder}.", IsConflict: true));
                }
                else
                {
                    usernames[draft.Username] = $"row {row.Row}";
                }
            }
            // Later rows may not reuse the extension of a good earlier row.
            if (row.Errors.Count == 0)
            {
                owners.Add(new ExtensionOwner(row.Draft!.Extension!, $"row {row.Row}"));
            }
            rows.Add(row);
        }
        CheckForwardingTargets(rows, existing);
        return rows;
    }

    private ImportRow CheckRow(CsvUserRow csvRow, int columnCount, IReadOnlyCollection<ExtensionOwner> owners)
    {
        var row = new ImportRow(csvRow.Row);
        if (csvRow.FieldCount != columnCount)
        {
            row.Errors.Add(new RowError("*", $"The row has {csvRow.FieldCount} fields but the header has {columnCount}; check separators and quotes."));
            return row;
        }
        string? Cell(string column) => csvRow.Cells.TryGetValue(column, out var v) && v.Trim().Length > 0 ? v.Trim() : null;

        var core = SchemaValidator.Validate(CoreFields, new JsonObject
        {
            [CsvUserFile.FirstName] = Cell(CsvUserFile.FirstName),
            [CsvUserFile.LastName] = Cell(CsvUserFile.LastName),
            [CsvUserFile.Email] = Cell(CsvUserFile.Email),
            [CsvUserFile.Username] = Cell(CsvUserFile.Username),
        });
        row.Errors.AddRange(core.Errors.Select(e => new RowError(ColumnOf(e.Field), e.Message)));

        var proposed = new JsonObject();
        foreach (var column in CsvUserFile.Columns.Skip(CoreFields.Count))
        {
            if (Cell(column) is not { } value)
            {
                continue;
            }
            if (BoolColumns.Contains(column))
            {
                if (ParseFlag(value) is { } flag)
                {
                    proposed[column] = flag;
                }
                else
                {
                    row.Errors.Add(new RowError(column, $"'{value}' must be true or false (yes/no and 1/0 are accepted too)."));
                }
            }
            else if (column == HostedPbxSchema.ForwardingDestinations)
            {
                proposed[column] = new JsonArray([.. value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(d => (JsonNode?)JsonValue.Create(d))]);
            }
            else if (column == HostedPbxSchema.OutboundCallerId && phoneNumbers.ToE164(value, options.DefaultRegion) is { } e164)
            {
                // Spreadsheets often hold national formats; the inventory is E.164.
                proposed[column] = e164;
            }
            else
            {
                proposed[column] = value;
            }
        }

        var schema = SchemaValidator.Validate(HostedPbxSchema.UserFields(options), proposed);
        row.Errors.AddRange(schema.Errors.Select(e => new RowError(ColumnOf(e.Field), e.Message)));
        var columnsWithErrors = row.Errors.Select(e => e.Column).ToHashSet(StringComparer.Ordinal);
        var (ruleErrors, settings) = rules.Check(schema.Settings, core.Settings[CsvUserFile.Email]?.GetValue<string>(), owners, checkForwardingTargets: false);
        // A column the schema already refused would only repeat itself here.
        row.Errors.AddRange(ruleErrors
            .Select(e => new RowError(ColumnOf(e.Field), e.Message, PbxUserRules.IsTakenExtension(e)))
            .Where(e => !columnsWithErrors.Contains(e.Column)));

        if (core.IsValid)
        {
            var first = core.Settings[CsvUserFile.FirstName]!.GetValue<string>();
            var last = core.Settings[CsvUserFile.LastName]!.GetValue<string>();
            var email = core.Settings[CsvUserFile.Email]?.GetValue<string>();
            var username = core.Settings[CsvUserFile.Username]?.GetValue<string>() ?? email ?? UsernameOf(first, last);
            if (username.Length == 0)
            {
                row.Errors.Add(new RowError(CsvUserFile.Username, "No username can be made from the name; fill the username column."));
            }
            else
            {
                row.Draft = new UserDraft(username, first, last, email, [], PbxUserSettings.Read(settings).Extension);
            }
        }
        row.Settings = settings;
        return row;
    }

    /// <summary>
    /// Internal forwarding destinations must be an existing extension or one created by a good row of this
    /// file. Repeated until stable, because a row refused here can no longer be a target for other rows.
    /// </summary>
    private static void CheckForwardingTargets(List<ImportRow> rows, IReadOnlyList<PbxMember> existing)
    {
        bool changed;
        do
        {
            changed = false;
            var known = existing.Select(m => m.Extension)
                .Concat(rows.Where(r => r.Errors.Count == 0).Select(r => r.Draft!.Extension!))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => r.Errors.Count == 0))
            {
                var unknownTargets = PbxUserRules.UnknownForwardingTargets(PbxUserRules.DestinationsOf(PbxUserSettings.Read(row.Settings!)), known).ToList();
                if (unknownTargets.Count > 0)
                {
                    row.Errors.AddRange(unknownTargets.Select(e => new RowError(ColumnOf(e.Field), e.Message)));
                    changed = true;
                }
            }
        }
        while (changed);
    }

    private static bool? ParseFlag(string value) => value.ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "on" or "y" => true,
        "false" or "no" or "0" or "off" or "n" => false,
        _ => null,
    };

    /// <summary>"first.last" in lower-case ASCII letters and digits (accents dropped), for rows without username or e-mail.</summary>
    private static string UsernameOf(string first, string last)
    {
        static string Part(string name) => new([.. name.Normalize(NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetterOrDigit(c))
            .Select(char.ToLowerInvariant)]);
        return string.Join('.', new[] { Part(first), Part(last) }.Where(p => p.Length > 0));
    }

    /// <summary>The CSV column of a settings field path, e.g. forwardingDestinations[1] → forwardingDestinations.</summary>
    private static string ColumnOf(string field) => field.Split('[', '.')[0];

    private sealed class ImportRow(int row)
    {
        public int Row { get; } = row;
        public List<RowError> Errors { get; } = [];
        public UserDraft? Draft { get; set; }
        public JsonObject? Settings { get; set; }
    }

    private sealed record RowError(string Column, string Message, bool IsConflict = false)
    {
        public string Describe(int row) => Column == "*"
            ? $"Row {row}: {Message}"
            : $"Row {row}, column '{Column}': {Message}";

        public FieldError ToFieldError(int row) =>
            new(Column == "*" ? $"rows[{row}]" : $"rows[{row}].{Column}", Describe(row));
    }

    /// <summary>The checked input: the CSV as text or as an uploaded file, and what a bad row does.</summary>
    internal sealed record Input(string? Csv, JsonObject? File, string Mode);
}
