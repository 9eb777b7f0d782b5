using System.Globalization;
using System.IO.Compression;
using ConnectorHost.Core.Connectors;
using ConnectorHost.Core.Imports.UserFiles;
using ConnectorHost.Core.Persistence;
using ConnectorHost.Sdk.Bulk;
using ConnectorHost.Sdk.Schema;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Imports.ExportUsers;

/// <summary>What an export of <see cref="ExportUsers.Format"/> produces: one CSV, or a zip of CSVs when the vendor format limits rows per file.</summary>
public sealed record ExportShape(string ContentType, string FileName, bool Zip);

/// <summary>
/// Streams every user in a user file layout, ordered by username, a page of users at a time. The core format imports
/// back unchanged; secrets and uploaded files are never exported. A vendor format with a row limit is written as a zip
/// of files of at most that many rows.
/// </summary>
public sealed record ExportUsers(string? Format, Stream Output) : Pipeline.IQuery<int>
{
    internal const int PageSize = 1000;

    /// <summary>The shape of the export, or a 400 naming the format.</summary>
    public static ExportShape ShapeOf(IConnectorCatalog catalog, string? format)
    {
        var layout = LayoutOf(catalog, format);
        var name = layout.Format ?? "users";
        return layout.MaxRowsPerFile is not null
            ? new ExportShape("application/zip", $"{name}.zip", Zip: true)
            : new ExportShape("text/csv; charset=utf-8", $"{name}.csv", Zip: false);
    }

    internal static UserFileLayout LayoutOf(IConnectorCatalog catalog, string? format)
    {
        try
        {
            return UserFileLayout.For(catalog, format);
        }
        catch (UserFileException e)
        {
            throw new ValidationFailedException([new("format", e.Message)]);
        }
    }
}

internal sealed class ExportUsersHandler(HostDbContext db, IConnectorCatalog catalog) : MediatR.IRequestHandler<ExportUsers, int>
{
    public async Task<int> Handle(ExportUsers request, CancellationToken cancellationToken)
    {
        var layout = ExportUsers.LayoutOf(catalog, request.Format);
        // Secrets are write-only: an export never carries them.
        var columns = layout.Columns.Where(c => c.Field is not { Type: FieldType.Secret }).ToList();
        var connectors = columns.Where(c => c.ConnectorId is not null).Select(c => c.ConnectorId!).Distinct().ToList();
        var groupKeys = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Key, cancellationToken);
        var roleKeys = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Key, cancellationToken);

        ZipArchive? zip = layout.MaxRowsPerFile is not null ? new ZipArchive(request.Output, ZipArchiveMode.Create, leaveOpen: true) : null;
        CsvWriter? csv = null;
        Stream? part = null;
        var rows = 0;
        var rowsInPart = 0;
        var parts = 0;
        try
        {
            string? after = null;
            while (true)
            {
                var page = await db.Users.AsNoTracking()
                    .Where(u => after == null || string.Compare(u.NormalizedUsername, after) > 0)
                    .OrderBy(u => u.NormalizedUsername).Take(ExportUsers.PageSize).ToListAsync(cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }
                after = page[^1].NormalizedUsername;
                var ids = page.Select(u => u.Id).ToList();
                var groups = (await db.UserGroups.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(cancellationToken))
                    .ToLookup(m => m.UserId, m => groupKeys.GetValueOrDefault(m.GroupId) ?? "");
                var roles = (await db.UserRoles.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(cancellationToken))
                    .ToLookup(m => m.UserId, m => roleKeys.GetValueOrDefault(m.RoleId) ?? "");
                var settings = connectors.Count == 0 ? [] : (await db.UserConnectorSettings.AsNoTracking()
                    .Where(s => ids.Contains(s.UserId) && connectors.Contains(s.ConnectorId)).ToListAsync(cancellationToken))
                    .ToDictionary(s => (s.UserId, s.ConnectorId), s => DirectoryQueries.Parse(s.Json));
                foreach (var user in page)
                {
                    if (csv is null || (layout.MaxRowsPerFile is { } max && rowsInPart == max))
                    {
                        if (csv is not null)
                        {
                            await csv.DisposeAsync();
                            await part!.DisposeAsync();
                        }
                        parts++;
                        part = zip is null ? request.Output : zip.CreateEntry($"{layout.Format}-{parts:000}.csv", CompressionLevel.Fastest).Open();
                        csv = CsvWriter.Create(part, CsvWriterOptions.Default with
                        {
                            Separator = layout.Delimiter,
                            Injection = CsvInjection.Escape,
                            InjectionEscape = UserFileCells.InjectionEscape,
                            NewLine = "\r\n",
                        }, leaveOpen: zip is null);
                        csv.WriteRecord([.. columns.Select(c => c.Header)]);
                        rowsInPart = 0;
                    }
                    csv.WriteRecord([.. columns.Select(c => Cell(c, user, groups[user.Id], roles[user.Id], settings))]);
                    rows++;
                    rowsInPart++;
                }
                await csv!.FlushAsync(cancellationToken);
            }
            if (csv is null)
            {
                // No users: still a file with the header, so the layout is visible.
                part = zip is null ? request.Output : zip.CreateEntry($"{layout.Format}-001.csv").Open();
                csv = CsvWriter.Create(part, CsvWriterOptions.Default with { Separator = layout.Delimiter }, leaveOpen: zip is null);
                csv.WriteRecord([.. columns.Select(c => c.Header)]);
            }
        }
        finally
        {
            if (csv is not null)
            {
                await csv.DisposeAsync();
            }
            if (zip is not null)
            {
                if (part is not null)
                {
                    await part.DisposeAsync();
                }
                zip.Dispose();
            }
        }
        return rows;
    }

    private static string Cell(LayoutColumn column, Domain.User user, IEnumerable<string> groups, IEnumerable<string> roles, Dictionary<(Guid, string), System.Text.Json.Nodes.JsonObject> settings)
    {
        if (column.ConnectorId is { } connectorId)
        {
            if (!settings.TryGetValue((user.Id, connectorId), out var document) || !document.TryGetPropertyValue(column.Field!.Key, out var value))
            {
                return "";
            }
            return value is System.Text.Json.Nodes.JsonArray list
                ? string.Join(column.ListSeparator, list.Select(v => column.FromStored(UserFileCells.FromJson(v, column.ListSeparator))))
                : column.FromStored(UserFileCells.FromJson(value, column.ListSeparator));
        }
        var text = column.Core!.Value switch
        {
            CoreColumn.Username => user.Username,
            CoreColumn.FirstName => user.FirstName,
            CoreColumn.LastName => user.LastName,
            CoreColumn.DisplayName => user.DisplayName,
            CoreColumn.Email => user.Email ?? "",
            CoreColumn.PhoneNumbers => string.Join(column.ListSeparator, user.PhoneNumbers),
            CoreColumn.Extension => user.Extension ?? "",
            CoreColumn.Language => user.Language ?? "",
            CoreColumn.TimeZone => user.TimeZone ?? "",
            CoreColumn.Enabled => user.Enabled ? "true" : "false",
            CoreColumn.Groups => string.Join(column.ListSeparator, groups.Order(StringComparer.Ordinal)),
            CoreColumn.Roles => string.Join(column.ListSeparator, roles.Order(StringComparer.Ordinal)),
            _ => "",
        };
        return column.FromStored(text);
    }
}
