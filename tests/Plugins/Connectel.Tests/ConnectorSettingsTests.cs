using System.Text.Json.Nodes;
using ConnectorHost.Testing;
using ConnectorHost.Sdk.Schema;
using Connectel.Settings;

namespace Connectel.Tests;

/// <summary>The connector settings in plugins.json: what an operator gets told when one is wrong, and what a right one means.</summary>
public sealed class ConnectorSettingsTests
{
    private const string BaseUrl = "https://acme.connectel.io";

    private static JsonObject Settings(string extra = "") =>
        JsonNode.Parse($$"""{ "baseUrl": "{{BaseUrl}}", "apiKey": "k-123" {{(extra.Length == 0 ? "" : "," + extra)}} }""")!.AsObject();

    private static ConnectelSettingsException Refused(JsonObject settings) =>
        Should.Throw<ConnectelSettingsException>(() => PluginHarness.Create<ConnectelModule>(ConnectelModule.Id, settings));

    [Theory]
    [InlineData("ftp://acme.connectel.io/")]
    [InlineData("https://sync:pw-77@acme.connectel.io/")]
    [InlineData("https://acme.connectel.io/?tenant=1")]
    [InlineData("acme.connectel.io")]
    public void Create_BaseUrlNotPlainHttp_RefusedWithoutEchoingIt(string url)
    {
        var settings = Settings();
        settings["baseUrl"] = url;

        var error = Refused(settings);

        error.Errors.ShouldHaveSingleItem().Field.ShouldBe("baseUrl");
        error.Errors[0].Message.ShouldBe("Connectel server URL must be an absolute http(s) URL without credentials or query, e.g. https://acme.connectel.io/.");
        error.Message.ShouldNotContain("pw-77");
    }

    [Theory]
    [InlineData("https://acme.connectel.io", "https://acme.connectel.io/")]
    [InlineData("http://127.0.0.1:8095/motion", "http://127.0.0.1:8095/motion/")]
    [InlineData("https://acme.connectel.io/motion/", "https://acme.connectel.io/motion/")]
    public void Parse_BaseUrl_EndsWithOneSlashSoApiPathsGoBelowIt(string url, string expected)
    {
        var settings = Settings();
        settings["baseUrl"] = url;

        ConnectelOptions.Parse(settings).BaseUrl.AbsoluteUri.ShouldBe(expected);
    }

    [Fact]
    public void Create_InternalNumbersToBelowFrom_RefusedNamingBoth()
    {
        var error = Refused(Settings(""" "internalNumberFrom": 3000, "internalNumberTo": 2999 """));

        var field = error.Errors.ShouldHaveSingleItem();
        field.Field.ShouldBe("internalNumberTo");
        field.Message.ShouldBe("Auto-generated internal numbers to (2999) must not be below from (3000).");
    }

    [Fact]
    public void Parse_InternalNumbersOfOneNumber_Accepted()
    {
        var options = ConnectelOptions.Parse(Settings(""" "internalNumberFrom": 3000, "internalNumberTo": 3000 """));

        options.InternalNumbers.ShouldBe(new NumberRange(3000, 3000));
    }

    [Theory]
    [InlineData("apiKeyPath")]
    [InlineData("avatarPath")]
    public void Create_EndpointWithoutIdPlaceholder_Refused(string key)
    {
        var error = Refused(Settings($$""" "{{key}}": "api/users/avatar" """));

        var field = error.Errors.ShouldHaveSingleItem();
        field.Field.ShouldBe(key);
        field.Message.ShouldBe("'api/users/avatar' must contain {id} where the Connectel user id goes.");
    }

    [Fact]
    public void Parse_ApiKey_KeyUsedAndNoBasic()
    {
        var options = ConnectelOptions.Parse(Settings());

        options.ApiKey.ShouldBe("k-123");
        options.Basic.ShouldBeNull();
        options.SecuritySuite.ShouldBeFalse();
    }

    [Fact]
    public void Parse_Basic_UsernameAndPasswordUsedAndNoKey()
    {
        var options = ConnectelOptions.Parse(Settings(""" "authMethod": "basic", "basicUsername": "sync", "basicPassword": "Basic-Pw-1" """));

        options.ApiKey.ShouldBeNull();
        options.Basic.ShouldBe(("sync", "Basic-Pw-1"));
    }

    [Fact]
    public void Parse_VendorNamesAndTimeout_TakenFromSettingsWithoutLeadingSlash()
    {
        var options = ConnectelOptions.Parse(Settings("""
            "securitySuite": true, "requestTimeoutSeconds": 12, "profilesPath": "/api/profiles", "apiKeyPath": "/api/users/{id}/key",
            "avatarPath": "/api/users/{id}/picture", "lockedField": "isLocked", "lastPasswordResetField": "pwdResetAt"
            """));

        options.SecuritySuite.ShouldBeTrue();
        options.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(12));
        options.Names.ProfilesPath.ShouldBe("api/profiles");
        options.Names.ApiKeyPath.ShouldBe("api/users/{id}/key");
        options.Names.AvatarPath.ShouldBe("api/users/{id}/picture");
        options.Names.Locked.ShouldBe("isLocked");
        options.Names.LastPasswordReset.ShouldBe("pwdResetAt");
    }

    [Fact]
    public void ToString_Options_NoKeyNoPassword()
    {
        var options = ConnectelOptions.Parse(Settings(""" "authMethod": "basic", "basicUsername": "sync", "basicPassword": "Basic-Pw-1" """));

        options.ToString().ShouldBe("ConnectelOptions { BaseUrl = https://acme.connectel.io/, SecuritySuite = False }");
    }
}
