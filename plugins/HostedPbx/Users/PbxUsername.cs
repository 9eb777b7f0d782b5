using ConnectorHost.Sdk.Model;

namespace HostedPbx.Users;

/// <summary>
/// The PBX's "username" field: the user's first name (the vendor's form says "Enter the user's first name"), or the
/// core username when there is none. One rule for pushes, lookups, provisioning and action answers.
/// </summary>
internal static class PbxUsername
{
    public static string Of(UserSnapshot user) =>
        string.IsNullOrWhiteSpace(user.FirstName) ? user.Username : user.FirstName.Trim();

    /// <summary>True when the PBX username falls back to the core username.</summary>
    public static bool IsFallback(UserSnapshot user) => string.IsNullOrWhiteSpace(user.FirstName);
}
