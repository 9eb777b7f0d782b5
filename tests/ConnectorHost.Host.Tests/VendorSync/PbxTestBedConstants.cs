namespace HostedPbx.Tests;

/// <summary>
/// The linked FakePbx.cs takes its default API key from the plugin tests' PbxTestBed, which needs the plugin
/// assembly; this supplies just that constant, so the fake's source is reused unchanged.
/// </summary>
internal static class PbxTestBed
{
    public const string ApiKey = "test-api-key-7f3a9c";
}
