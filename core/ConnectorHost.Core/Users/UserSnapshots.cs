using ConnectorHost.Core.Domain;
using ConnectorHost.Sdk.Model;

namespace ConnectorHost.Core.Users;

internal static class UserSnapshots
{
    public static UserSnapshot From(User u) => new(u.Id, u.Username, u.FirstName, u.LastName, u.DisplayName, u.Email,
        u.PhoneNumbers.ToList(), u.Extension, u.Language, u.TimeZone, u.Enabled, new Dictionary<string, string>(u.Attributes), u.Version);
}
