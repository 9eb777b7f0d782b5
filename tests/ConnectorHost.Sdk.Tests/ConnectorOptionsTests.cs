using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

/// <summary>Enum fields whose allowed values the connector supplies at run time.</summary>
public sealed class ConnectorOptionsTests
{
    private static readonly FieldSchema Profile = new("profile", "Profile", FieldType.Enum) { OptionsFromConnector = true };
    private static readonly FieldSchema Tags = new("tags", "Tags", FieldType.MultiEnum) { OptionsFromConnector = true };

    private static readonly Dictionary<string, IReadOnlyList<AllowedValue>> Lists = new()
    {
        ["profile"] = [new("agent", "Agent"), new("supervisor", "Supervisor")],
        ["tags"] = [new("vip", "VIP"), new("de", "German")],
    };

    [Fact]
    public void Validate_ValueInConnectorList_NormalizedToListSpelling()
    {
        var result = SchemaValidator.Validate([Profile, Tags], SettingsJson.Parse("""{"profile":"AGENT","tags":["vip","DE"]}"""), null, Lists);

        result.IsValid.ShouldBeTrue();
        result.Settings["profile"]!.GetValue<string>().ShouldBe("agent");
        result.Settings["tags"]!.ToJsonString().ShouldBe("""["vip","de"]""");
    }

    [Fact]
    public void Validate_ValueNotInConnectorList_NotAllowedErrorListsTheChoices()
    {
        var result = SchemaValidator.Validate([Profile], SettingsJson.Parse("""{"profile":"admin"}"""), null, Lists);

        result.Errors.ShouldHaveSingleItem().ShouldBe(
            new FieldError("profile", "Profile: 'admin' is not offered by the connector (any more; it may have been deleted at the vendor). Offered now: agent (Agent), supervisor (Supervisor).")
            {
                Code = FieldErrorCodes.NotAllowed,
            });
    }

    [Fact]
    public void Validate_IdDeletedAtVendorInMultiEnum_ErrorNamesTheIdAndTheNamesStillOffered()
    {
        var roles = new FieldSchema("roles", "Roles", FieldType.MultiEnum) { OptionsFromConnector = true };
        var lists = new Dictionary<string, IReadOnlyList<AllowedValue>> { ["roles"] = [new("1", "Agent"), new("3", "3")] };

        var result = SchemaValidator.Validate([roles], SettingsJson.Parse("""{"roles":["1","2"]}"""), null, lists);

        result.Errors.ShouldHaveSingleItem().ShouldBe(
            new FieldError("roles", "Roles: '2' is not offered by the connector (any more; it may have been deleted at the vendor). Offered now: 1 (Agent), 3.")
            {
                Code = FieldErrorCodes.NotAllowed,
            });
    }

    [Fact]
    public void Validate_NoListLoaded_OptionsUnavailableError()
    {
        var result = SchemaValidator.Validate([Profile], SettingsJson.Parse("""{"profile":"agent"}"""));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("profile");
        error.Code.ShouldBe(FieldErrorCodes.OptionsUnavailable);
        error.Message.ShouldContain("could not be loaded from the connector");
    }

    [Fact]
    public void Validate_NoListLoadedButFieldEmpty_Valid()
    {
        SchemaValidator.Validate([Profile], SettingsJson.Parse("{}")).IsValid.ShouldBeTrue();
    }
}
