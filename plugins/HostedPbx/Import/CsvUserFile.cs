using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using CsvHelper;
using HostedPbx.Settings;

namespace HostedPbx.Import;

/// <summary>One data row: its row number (the header is row 1) and its cells by lower-cased column name.</summary>
internal sealed record CsvUserRow(int Row, IReadOnlyDictionary<string, string> Cells, int FieldCount);

/// <summary>The parsed file, or why it cannot be read at all.</summary>
internal sealed record CsvUserTable(IReadOnlyList<string> Columns, IReadOnlyList<CsvUserRow> Rows);

/// <summary>
/// Reads the import file: UTF-8 text (sent as <c>csv</c> text or as a base64 <c>file</c>), comma, semicolon or
/// tab separated (detected from the header line), with a header row naming the documented columns.
/// Problems with the file as a whole (encoding, quoting, header) are reported as <see cref="CsvFileException"/>.
/// </summary>
internal static class CsvUserFile
{
    public const int MaxRows = 5000;

    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string Email = "email";
    public const string Username = "username";

    /// <summary>Every accepted column, in the documented order; matched case-insensitively.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        FirstName, LastName, Email, Username,
        HostedPbxSchema.LicenseType, HostedPbxSchema.Extension, HostedPbxSchema.OutboundCallerId,
        HostedPbxSchema.RingsBeforeVoicemail, HostedPbxSchema.VoicemailEnabled, HostedPbxSchema.VoicemailEmail,
        HostedPbxSchema.VoicemailPassword, HostedPbxSchema.ForwardingEnabled, HostedPbxSchema.ForwardingDestinations,
        HostedPbxSchema.RingStrategy, HostedPbxSchema.DoNotDisturb,
    ];

    public static IReadOnlyList<string> RequiredColumns { get; } = [FirstName, LastName, HostedPbxSchema.Extension];

    /// <summary>The file's text from the action input (<c>csv</c> or <c>file</c>), strictly UTF-8.</summary>
    public static string TextOf(JsonNode? csv, JsonNode? file)
    {
        if (csv is not null && file is not null)
        {
            throw new CsvFileException("input", "Send either 'csv' (text) or 'file' ({fileName, data}), not both.");
        }
        if (csv is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            var value = text.GetValue<string>();
            if (value.Contains('\uFFFD'))
            {
                throw new CsvFileException("csv", "The CSV contains U+FFFD replacement characters: it was read with the wrong encoding before it was sent. Save it as UTF-8 and send it again (or send the original bytes as 'file').");
            }
            if (value.Contains('\0'))
            {
                throw new CsvFileException("csv", "The CSV contains NUL characters, which happens when UTF-16 text is read as UTF-8. Save it as UTF-8.");
            }
            return value.TrimStart('\uFEFF');
        }
        if (file is JsonObject upload && upload["data"] is JsonValue data && data.GetValueKind() == JsonValueKind.String)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(data.GetValue<string>());
            }
            catch (FormatException)
            {
                throw new CsvFileException("file", "'file.data' is not valid base64.");
            }
            return Decode(bytes);
        }
        throw new CsvFileException("csv", "'csv' (the CSV text) or 'file' ({fileName, data: base64}) is required.");
    }

    /// <summary>Parses the text into rows; throws <see cref="CsvFileException"/> for a file that cannot be read.</summary>
    public static CsvUserTable Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CsvFileException("csv", "The CSV is empty; the first row must name the columns.");
        }
        var malformed = new List<CsvMalformedRecord>();
        var options = CsvReaderOptions.Default with
        {
            // Detected here from the header line only: CsvHelper's own detection also considers '|', which
            // separates forwarding destinations inside a cell.
            Separator = text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) ? null : SeparatorOf(text),
            DetectSeparatorHint = true,
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            // Recover rather than skip: skipped records shift the numbers of the rows after them.
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = malformed.Add,
        };
        using var reader = CsvReader.FromText(text, options);
        var rows = new List<CsvUserRow>();
        List<string> columns;
        try
        {
            columns = ColumnsOf([.. reader.Headers]);
            while (reader.Read())
            {
                ReadRow(reader, columns, rows);
            }
        }
        catch (CsvFormatException e)
        {
            throw new CsvFileException("csv", $"The CSV is malformed at row {e.RecordNumber}; check its quotes and separators.");
        }
        if (malformed.Count > 0)
        {
            // The raw records are not quoted back: they may hold a voicemail PIN.
            throw new CsvFileException("csv", "The CSV is malformed: "
                + string.Join("; ", malformed.Take(10).Select(m => $"row {m.RecordNumber}: {Describe(m.Reason)}"))
                + ". Put fields with quotes, separators or line breaks in double quotes and double any quote inside them.");
        }
        if (rows.Count == 0)
        {
            throw new CsvFileException("csv", "The CSV has a header row but no data rows.");
        }
        return new CsvUserTable(columns, rows);
    }

    private static void ReadRow(CsvReader reader, List<string> columns, List<CsvUserRow> rows)
    {
        var fields = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
        if (fields.All(string.IsNullOrWhiteSpace))
        {
            return;
        }
        if (rows.Count == MaxRows)
        {
            throw new CsvFileException("csv", $"The CSV has more than {MaxRows} data rows; split it into smaller files.");
        }
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count && i < fields.Length; i++)
        {
            cells[columns[i]] = fields[i];
        }
        // RowNumber does not count the header; admins do (spreadsheet rows).
        rows.Add(new CsvUserRow((int)reader.RowNumber + 1, cells, fields.Length));
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        CsvMalformedReason.FieldCountMismatch => "a different number of fields than the header",
        _ => reason.ToString(),
    };

    private static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            throw new CsvFileException("file", "The file is UTF-16 encoded; save it as UTF-8 (e.g. 'CSV UTF-8').");
        }
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            if (text.Contains('\0'))
            {
                throw new CsvFileException("file", "The file contains NUL bytes; it is not a UTF-8 text file.");
            }
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new CsvFileException("file", $"The file is not valid UTF-8 (invalid byte at offset {e.Index}); it was probably saved as Windows-1252 or Latin-1. Save it as UTF-8 (e.g. 'CSV UTF-8').");
        }
    }

    /// <summary>The separator used in the header line: semicolon (spreadsheets in many locales) or tab when no comma is there.</summary>
    private static char SeparatorOf(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Contains(',') ? ','
            : header.Contains(';') ? ';'
            : header.Contains('\t') ? '\t'
            : ',';
    }

    private static List<string> ColumnsOf(string[] header)
    {
        var columns = new List<string>();
        foreach (var (name, index) in header.Select((h, i) => (h.Trim(), i)))
        {
            var column = Columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new CsvFileException("csv", name.Length == 0
                    ? $"Header column {index + 1} is empty. Columns: {string.Join(", ", Columns)}."
                    : $"Unknown column '{name}'. Columns: {string.Join(", ", Columns)}.");
            if (columns.Contains(column))
            {
                throw new CsvFileException("csv", $"Column '{column}' appears twice in the header.");
            }
            columns.Add(column);
        }
        var missing = RequiredColumns.Where(r => !columns.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            throw new CsvFileException("csv", $"Required column{(missing.Count > 1 ? "s" : "")} missing: {string.Join(", ", missing)}.");
        }
        return columns;
    }
}

/// <summary>The import file cannot be read as a whole; <see cref="Field"/> is the action input at fault.</summary>
internal sealed class CsvFileException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
