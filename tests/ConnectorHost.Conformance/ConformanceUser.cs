using System.Text.Json.Nodes;

namespace ConnectorHost.Conformance;

/// <summary>The core user the kit creates, with the settings document an admin would PUT for the connector.</summary>
/// <param name="Username">Core username.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">E-mail address.</param>
/// <param name="Settings">The connector's user settings as sent to the API (before defaults).</param>
public sealed record ConformanceUser(string Username, string FirstName, string LastName, string Email, JsonObject Settings)
{
    /// <summary>The core extension, for connectors that read it.</summary>
    public string? Extension { get; init; }

    /// <summary>Phone numbers in E.164.</summary>
    public IReadOnlyList<string> PhoneNumbers { get; init; } = [];
}
