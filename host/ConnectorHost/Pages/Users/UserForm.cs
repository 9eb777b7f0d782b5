using ConnectorHost.Core.Users;

namespace ConnectorHost.Pages.Users;

/// <summary>The profile fields of the user form as posted; phone numbers one per line.</summary>
public sealed class UserForm
{
    public string? Username { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? PhoneNumbers { get; set; }
    public string? Extension { get; set; }
    public string? Language { get; set; }
    public string? TimeZone { get; set; }
    public bool Enabled { get; set; } = true;
    public List<Guid> GroupIds { get; set; } = [];
    public List<Guid> RoleIds { get; set; } = [];
    public int Version { get; set; }

    public IReadOnlyList<string> PhoneList =>
        (PhoneNumbers ?? "").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static UserForm From(UserDto user, IEnumerable<Guid> groupIds, IEnumerable<Guid> roleIds) => new()
    {
        Username = user.Username,
        FirstName = user.FirstName,
        LastName = user.LastName,
        DisplayName = user.DisplayName,
        Email = user.Email,
        PhoneNumbers = string.Join("\n", user.PhoneNumbers),
        Extension = user.Extension,
        Language = user.Language,
        TimeZone = user.TimeZone,
        Enabled = user.Enabled,
        GroupIds = [.. groupIds],
        RoleIds = [.. roleIds],
        Version = user.Version,
    };
}
