using ConnectorHost.Core.Domain;

namespace ConnectorHost.Core.Users;

public record UserDto(
    Guid Id,
    string Username,
    string FirstName,
    string LastName,
    string DisplayName,
    string? Email,
    IReadOnlyList<string> PhoneNumbers,
    string? Extension,
    string? Language,
    string? TimeZone,
    bool Enabled,
    IReadOnlyDictionary<string, string> Attributes,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    internal static UserDto From(User u) => new(u.Id, u.Username, u.FirstName, u.LastName, u.DisplayName, u.Email,
        u.PhoneNumbers, u.Extension, u.Language, u.TimeZone, u.Enabled, u.Attributes, u.Version, u.CreatedAt, u.UpdatedAt);
}
