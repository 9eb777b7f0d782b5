using ConnectorHost.Sdk.Model;
using ConnectorHost.Core.Pipeline;
using ConnectorHost.Core.Domain;
using ConnectorHost.Core.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ConnectorHost.Core.Users.ListUsers;

/// <summary>
/// Lists users a page at a time. <see cref="Search"/> matches username, first/last/display name, e-mail and
/// extension (from three characters on: words starting with the term, case- and diacritics-insensitive, "muller" finds
/// "Müller"; shorter terms: substring, case-insensitive). <see cref="Sort"/>: username, firstName, lastName, email,
/// extension, createdAt, updatedAt; prefix with '-' for descending.
/// </summary>
public sealed record ListUsers(int Page = 1, int PageSize = 50, string? Search = null, string? Sort = null) : IQuery<Page<UserDto>>;

internal sealed class ListUsersValidator : AbstractValidator<ListUsers>
{
    public static readonly string[] SortKeys = ["username", "firstName", "lastName", "email", "extension", "createdAt", "updatedAt"];

    public ListUsersValidator(CoreOptions options)
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, options.MaxPageSize);
        RuleFor(x => x.Sort!).Must(s => SortKeys.Contains(s.TrimStart('-'), StringComparer.OrdinalIgnoreCase))
            .WithMessage($"Sort must be one of {string.Join(", ", SortKeys)} (prefix '-' for descending).")
            .When(x => !string.IsNullOrEmpty(x.Sort));
        RuleFor(x => x.Search).SearchTerm();
    }
}

internal sealed class ListUsersHandler(HostDbContext db) : IRequestHandler<ListUsers, Page<UserDto>>
{
    public async Task<Page<UserDto>> Handle(ListUsers request, CancellationToken cancellationToken)
    {
        var phrase = FullTextPhrase(request.Search);
        var query = phrase is null ? Search(request.Search) : db.Users.FromSql($"SELECT * FROM \"Users\" WHERE rowid IN (SELECT rowid FROM \"UserSearch\" WHERE \"UserSearch\" MATCH {phrase})").AsNoTracking();
        // The index alone counts its matches (every Users row has exactly one index row, kept so by the triggers):
        // 0.8 ms instead of 4 ms for 5,000 hits on 100k users, since no Users row is read.
        var total = phrase is null
            ? await query.CountAsync(cancellationToken)
            : await db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM \"UserSearch\" WHERE \"UserSearch\" MATCH {phrase}").SingleAsync(cancellationToken);
        var descending = request.Sort?.StartsWith('-') == true;
        query = (request.Sort?.TrimStart('-').ToLowerInvariant()) switch
        {
            "firstname" => descending ? query.OrderByDescending(u => u.FirstName) : query.OrderBy(u => u.FirstName),
            "lastname" => descending ? query.OrderByDescending(u => u.LastName) : query.OrderBy(u => u.LastName),
            "email" => descending ? query.OrderByDescending(u => u.Email) : query.OrderBy(u => u.Email),
            "extension" => descending ? query.OrderByDescending(u => u.Extension) : query.OrderBy(u => u.Extension),
            "createdat" => descending ? query.OrderByDescending(u => u.CreatedAt) : query.OrderBy(u => u.CreatedAt),
            "updatedat" => descending ? query.OrderByDescending(u => u.UpdatedAt) : query.OrderBy(u => u.UpdatedAt),
            _ => descending ? query.OrderByDescending(u => u.NormalizedUsername) : query.OrderBy(u => u.NormalizedUsername),
        };
        var items = await query.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
        return new Page<UserDto>(items.Select(UserDto.From).ToList(), request.Page, request.PageSize, total);
    }

    /// <summary>
    /// Terms of three characters or more go through the full-text index (UserSearchSql): every word of the term must
    /// start a word of the user's fields, in order, the last one as a prefix ("mul" finds "Müller", "sales.exa" finds
    /// "kim@sales.example"); case- and diacritics-insensitive, milliseconds on 100k users. Shorter terms (and terms
    /// without a letter or digit) scan with LIKE: substring anywhere, case-insensitive for ASCII.
    /// </summary>
    private static string? FullTextPhrase(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }
        var term = UsernameKey.Canonical(search);
        // One quoted phrase, so operators and quotes in the term are plain text; '*' makes its last word a prefix.
        return term.EnumerateRunes().Count() >= 3 && term.Any(char.IsLetterOrDigit)
            ? "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\" *"
            : null;
    }

    /// <summary>The LIKE scan for terms the full-text index does not take (see <see cref="FullTextPhrase"/>), or every user.</summary>
    private IQueryable<User> Search(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return db.Users.AsNoTracking();
        }
        var pattern = "%" + EscapeLike(UsernameKey.Normalize(search)) + "%";
        return db.Users.AsNoTracking().Where(u =>
            EF.Functions.Like(u.NormalizedUsername, pattern, "\\")
            || EF.Functions.Like(u.FirstName.ToUpper(), pattern, "\\")
            || EF.Functions.Like(u.LastName.ToUpper(), pattern, "\\")
            || EF.Functions.Like(u.DisplayName.ToUpper(), pattern, "\\")
            || (u.Email != null && EF.Functions.Like(u.Email.ToUpper(), pattern, "\\"))
            || (u.Extension != null && EF.Functions.Like(u.Extension, pattern, "\\")));
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
