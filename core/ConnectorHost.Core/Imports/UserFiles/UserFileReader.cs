using System.Text;
using CsvHelper;

namespace ConnectorHost.Core.Imports.UserFiles;

/// <summary>
/// Streams the rows of a user file: encoding from <see cref="UserFileEncoding"/>, delimiter (<c>,</c> <c>;</c> or tab)
/// from the header line, RFC 4180 quoting (delimiters, quotes and line breaks inside quotes), CRLF or LF, empty lines
/// skipped, header names matched by <see cref="UserFileLayout"/> in any case and with surrounding spaces. Only one
/// buffer of the file is in memory at a time.
/// </summary>
internal sealed class UserFileReader : IDisposable
{
    private static readonly char[] Delimiters = [',', ';', '\t'];
    private readonly StreamReader _text;
    private readonly CsvReader _csv;
    private readonly int[] _columnOf;
    private readonly Dictionary<long, string> _malformed = [];

    public UserFileReader(string path, UserFileLayout layout)
    {
        var encoding = UserFileEncoding.Detect(path);
        var delimiter = DelimiterOf(path, encoding);
        _text = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 64 * 1024 });
        _csv = CsvReader.Create(_text, CsvReaderOptions.Default with
        {
            Separator = delimiter,
            DetectSeparatorHint = false,
            HasHeader = true,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            // A cell may hold a secret (a voicemail PIN): never quoted back in an exception.
            IncludeValuesInExceptions = false,
            OnMalformedRecord = m => _malformed[m.RecordNumber] = Describe(m.Reason),
        });
        string[] headers;
        try
        {
            headers = [.. _csv.Headers];
        }
        catch (CsvFormatException)
        {
            throw new UserFileException("The header row cannot be read; check its quotes and delimiters.");
        }
        if (headers.Length == 0 || headers.All(string.IsNullOrWhiteSpace))
        {
            throw new UserFileException("The file is empty; the first row must name the columns.");
        }
        _columnOf = layout.Resolve(headers);
        Layout = layout;
        Delimiter = delimiter;
        Encoding = encoding;
    }

    public UserFileLayout Layout { get; }

    public char Delimiter { get; }

    public Encoding Encoding { get; }

    /// <summary>The data rows in file order; rows whose cells are all empty are not rows.</summary>
    public IEnumerable<UserFileRow> Rows()
    {
        while (true)
        {
            bool more;
            try
            {
                more = _csv.Read();
            }
            catch (CsvFormatException e)
            {
                throw new UserFileException($"The file is malformed at row {e.RecordNumber + 1}; check its quotes and delimiters.");
            }
            if (!more)
            {
                yield break;
            }
            var cells = new string?[Layout.Columns.Count];
            var any = false;
            for (var i = 0; i < _csv.FieldCount; i++)
            {
                var value = _csv.GetString(i);
                any |= value.Length > 0;
                if (i < _columnOf.Length && _columnOf[i] >= 0)
                {
                    cells[_columnOf[i]] = UserFileCells.Unescape(value);
                }
            }
            if (!any)
            {
                continue;
            }
            for (var i = 0; i < _columnOf.Length; i++)
            {
                if (_columnOf[i] >= 0)
                {
                    cells[_columnOf[i]] ??= "";
                }
            }
            var row = (int)_csv.RowNumber + 1;
            string? malformed = _malformed.Remove(_csv.RowNumber, out var reason) ? reason
                : _csv.FieldCount > _columnOf.Length ? $"The row has {_csv.FieldCount} fields but the header has {_columnOf.Length}; check delimiters and quotes."
                : null;
            yield return new UserFileRow(row, cells, malformed);
        }
    }

    public void Dispose()
    {
        _csv.Dispose();
        _text.Dispose();
    }

    /// <summary>The delimiter of the header line: the most frequent of comma, semicolon and tab outside quotes.</summary>
    private static char DelimiterOf(string path, Encoding encoding)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        var counts = new int[Delimiters.Length];
        var quoted = false;
        int c;
        var seen = 0;
        while ((c = reader.Read()) >= 0 && seen++ < 64 * 1024)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
            else if (!quoted && Array.IndexOf(Delimiters, (char)c) is var index and >= 0)
            {
                counts[index]++;
            }
        }
        var best = Array.IndexOf(counts, counts.Max());
        return counts[best] == 0 ? ',' : Delimiters[best];
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "A quote inside an unquoted field; put the field in double quotes and double the quote.",
        CsvMalformedReason.TextAfterClosingQuote => "Text after the closing quote of a field.",
        CsvMalformedReason.UnterminatedQuote => "A quoted field is never closed.",
        CsvMalformedReason.LineBreakInQuotes => "A line break inside quotes.",
        CsvMalformedReason.FieldCountMismatch => "A different number of fields than the header.",
        _ => $"The row is malformed ({reason}).",
    };
}
