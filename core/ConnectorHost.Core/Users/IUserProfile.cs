namespace ConnectorHost.Core.Users;

/// <summary>The editable profile fields shared by create and update.</summary>
public interface IUserProfile
{
    string FirstName { get; }
    string LastName { get; }
    string? DisplayName { get; }
    string? Email { get; }
    IReadOnlyList<string>? PhoneNumbers { get; }
    string? Extension { get; }
    string? Language { get; }
    string? TimeZone { get; }
    IReadOnlyDictionary<string, string>? Attributes { get; }
}
