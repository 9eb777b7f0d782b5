using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

/// <summary>
/// Secrets are shown masked and sent back masked by forms; the mask must keep the stored value and never
/// become the stored value itself.
/// </summary>
public sealed class SecretFieldTests
{
    private static readonly FieldSchema[] Schema =
    [
        new("username", "Username", FieldType.String),
        new("password", "Password", FieldType.Secret) { Required = true, MinLength = 8 },
        new("apiKey", "API key", FieldType.Secret),
    ];

    [Fact]
    public void MaskSecrets_StoredDocument_EverySecretMaskedOtherFieldsUnchanged()
    {
        var stored = SettingsJson.Parse("""{"username":"ann","password":"s3cret-pass","apiKey":"k-123"}""");

        var masked = SchemaValidator.MaskSecrets(Schema, stored);

        masked["username"]!.GetValue<string>().ShouldBe("ann");
        masked["password"]!.GetValue<string>().ShouldBe(SchemaValidator.SecretMask);
        masked["apiKey"]!.GetValue<string>().ShouldBe(SchemaValidator.SecretMask);
        masked.ToJsonString().ShouldNotContain("s3cret-pass");
        masked.ToJsonString().ShouldNotContain("k-123");
    }

    [Fact]
    public void MaskSecrets_StoredDocument_OriginalLeftIntact()
    {
        var stored = SettingsJson.Parse("""{"password":"s3cret-pass"}""");

        SchemaValidator.MaskSecrets(Schema, stored);

        stored["password"]!.GetValue<string>().ShouldBe("s3cret-pass");
    }

    [Fact]
    public void MaskSecrets_SecretAbsentOrEmpty_NotInventedAsMask()
    {
        // A mask where nothing is stored would tell the admin a secret is set when it is not.
        var stored = SettingsJson.Parse("""{"password":"s3cret-pass","apiKey":""}""");

        var masked = SchemaValidator.MaskSecrets([.. Schema, new FieldSchema("token", "Token", FieldType.Secret)], stored);

        masked["apiKey"]!.GetValue<string>().ShouldBe("");
        masked.ContainsKey("token").ShouldBeFalse();
    }

    [Fact]
    public void Validate_MaskedDocumentSentBack_StoredSecretsKept()
    {
        var stored = SettingsJson.Parse("""{"username":"ann","password":"s3cret-pass","apiKey":"k-123"}""");
        var form = SchemaValidator.MaskSecrets(Schema, stored);
        form["username"] = "ann.lee";

        var result = SchemaValidator.Validate(Schema, form, stored);

        result.IsValid.ShouldBeTrue();
        JsonNode.DeepEquals(result.Settings, SettingsJson.Parse("""{"username":"ann.lee","password":"s3cret-pass","apiKey":"k-123"}""")).ShouldBeTrue(result.Settings.ToJsonString());
    }

    [Fact]
    public void Validate_NewSecretSent_ReplacesStoredSecretUntrimmed()
    {
        // Spaces can be part of a password, so secrets are not trimmed like text.
        var stored = SettingsJson.Parse("""{"password":"s3cret-pass"}""");

        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"password":" new pass 1 "}"""), stored);

        result.Settings["password"]!.GetValue<string>().ShouldBe(" new pass 1 ");
    }

    [Fact]
    public void Validate_MaskSentOnCreate_TreatedAsMissingNotStoredAsPassword()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse($$"""{"password":"{{SchemaValidator.SecretMask}}"}"""), previous: null);

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("password", "Password is required.") { Code = FieldErrorCodes.Required });
        result.Settings.ContainsKey("password").ShouldBeFalse();
    }

    [Fact]
    public void Validate_MaskSentForSecretNeverStored_OptionalSecretStaysUnset()
    {
        var stored = SettingsJson.Parse("""{"password":"s3cret-pass"}""");

        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse($$"""{"password":"{{SchemaValidator.SecretMask}}","apiKey":"{{SchemaValidator.SecretMask}}"}"""), stored);

        result.IsValid.ShouldBeTrue();
        result.Settings.ContainsKey("apiKey").ShouldBeFalse();
    }

    [Fact]
    public void Validate_SecretTooShort_MessageDoesNotEchoTheSecret()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"password":"abc12"}"""));

        var error = result.Errors.ShouldHaveSingleItem();
        error.ShouldBe(new FieldError("password", "Password must be at least 8 characters long.") { Code = FieldErrorCodes.TooShort });
        error.Message.ShouldNotContain("abc12");
    }

    [Fact]
    public void Validate_SecretBreaksPattern_MessageDoesNotEchoTheSecret()
    {
        FieldSchema[] schema = [new("pin", "PIN", FieldType.Secret) { Pattern = "[0-9]{4,8}" }];

        var result = SchemaValidator.Validate(schema, SettingsJson.Parse("""{"pin":"12ab"}"""));

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("pin", "PIN has an invalid format.") { Code = FieldErrorCodes.Format });
    }
}
