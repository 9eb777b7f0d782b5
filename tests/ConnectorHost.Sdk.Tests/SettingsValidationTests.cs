using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

/// <summary>Whether a connector's refusal reaches the admin as 409 (a clash with other data) or 400 (a bad value).</summary>
public sealed class SettingsValidationTests
{
    private static FieldError Clash(string field) => new(field, $"{field} is already used by Ann.") { Code = FieldErrorCodes.Conflict };

    [Fact]
    public void Refused_EveryErrorAClash_IsConflict() =>
        SettingsValidation.Refused([Clash("extension"), Clash("login")]).IsConflict.ShouldBeTrue();

    [Fact]
    public void Refused_AClashAndABadValue_IsNotConflict() =>
        SettingsValidation.Refused([Clash("extension"), new FieldError("ringTime", "2–10 rings.") { Code = FieldErrorCodes.OutOfRange }]).IsConflict.ShouldBeFalse();

    [Fact]
    public void Refused_ErrorWithoutCode_IsNotConflict() =>
        SettingsValidation.Refused([new FieldError("login", "Another user has the login 'ann'.")]).IsConflict.ShouldBeFalse();

    [Fact]
    public void Refused_NoErrors_IsNotConflictAndKeepsTheSettings()
    {
        var settings = new System.Text.Json.Nodes.JsonObject { ["extension"] = "301" };

        var result = SettingsValidation.Refused([], settings);

        result.IsConflict.ShouldBeFalse();
        result.Settings.ShouldBeSameAs(settings);
    }
}
