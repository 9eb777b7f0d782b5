using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

/// <summary>RequiredWhen / VisibleWhen: fields that depend on another field's value, and the warnings they give.</summary>
public sealed class ConditionalFieldTests
{
    private static readonly FieldSchema[] Schema =
    [
        new("destinations", "Forwarding destinations", FieldType.StringList)
        {
            RequiredWhen = new FieldCondition("forwarding", true),
            VisibleWhen = new FieldCondition("forwarding", true),
        },
        new("forwarding", "Enable forwarding", FieldType.Bool) { Default = false },
        new("strategy", "Ring strategy", FieldType.Enum)
        {
            AllowedValues = [new("simultaneous", "All at once"), new("sequential", "In order")],
            Default = "simultaneous",
        },
        new("delay", "Delay (seconds)", FieldType.Int) { RequiredWhen = new FieldCondition("strategy", "sequential") },
    ];

    [Fact]
    public void Validate_ConditionTrueAndFieldEmpty_RequiredErrorNamesTheCondition()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"forwarding":true}"""));

        result.Errors.ShouldHaveSingleItem().ShouldBe(
            new FieldError("destinations", "Forwarding destinations is required while Enable forwarding is true.") { Code = FieldErrorCodes.Required });
    }

    [Fact]
    public void Validate_ConditionFalseAndFieldEmpty_Valid()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"forwarding":false}"""));

        result.IsValid.ShouldBeTrue();
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ConditionOnEnumInOtherLetterCase_MatchesNormalizedValue()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"strategy":"SEQUENTIAL"}"""));

        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("delay");
    }

    [Fact]
    public void Validate_ConditionMetByDefault_FieldRequired()
    {
        FieldSchema[] schema =
        [
            new("mode", "Mode", FieldType.String) { Default = "pin" },
            new("pin", "PIN", FieldType.Secret) { RequiredWhen = new FieldCondition("mode", "pin") },
        ];

        var result = SchemaValidator.Validate(schema, SettingsJson.Parse("{}"));

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe(FieldErrorCodes.Required);
    }

    [Fact]
    public void Validate_ValueForHiddenField_KeptWithWarning()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"forwarding":false,"destinations":["200"]}"""));

        result.IsValid.ShouldBeTrue();
        result.Settings["destinations"]!.AsArray().Count.ShouldBe(1);
        var warning = result.Warnings.ShouldHaveSingleItem();
        warning.Field.ShouldBe("destinations");
        warning.Code.ShouldBe(FieldWarningCodes.HiddenField);
        warning.Message.ShouldContain("Enable forwarding");
    }

    [Fact]
    public void Validate_HiddenRequiredField_NotRequired()
    {
        FieldSchema[] schema =
        [
            new("vip", "VIP", FieldType.Bool) { Default = false },
            new("assistant", "Assistant", FieldType.String) { Required = true, VisibleWhen = new FieldCondition("vip", true) },
        ];

        SchemaValidator.Validate(schema, SettingsJson.Parse("{}")).IsValid.ShouldBeTrue();
        SchemaValidator.Validate(schema, SettingsJson.Parse("""{"vip":true}""")).Errors.ShouldHaveSingleItem().Field.ShouldBe("assistant");
    }

    [Fact]
    public void IsVisible_ConditionOnNormalizedDocument_FollowsTheOtherField()
    {
        SchemaValidator.IsVisible(Schema[0], SettingsJson.Parse("""{"forwarding":true}""")).ShouldBeTrue();
        SchemaValidator.IsVisible(Schema[0], SettingsJson.Parse("""{"forwarding":false}""")).ShouldBeFalse();
        SchemaValidator.IsVisible(Schema[1], SettingsJson.Parse("{}")).ShouldBeTrue();
    }

    [Fact]
    public void ConditionHolds_FormValues_JudgedAsValidateJudgesThem()
    {
        var typed = SettingsJson.Parse("""{"strategy":"Sequential"}""");

        var delayRequired = SchemaValidator.ConditionHolds(Schema, Schema[3].RequiredWhen!, typed);

        delayRequired.ShouldBeTrue("the enum value is matched as Validate matches it, not as text");
        SchemaValidator.Validate(Schema, typed).Errors.ShouldHaveSingleItem().Field.ShouldBe("delay");
        SchemaValidator.ConditionHolds(Schema, Schema[0].VisibleWhen!, SettingsJson.Parse("{}")).ShouldBeFalse("forwarding defaults to false");
        SchemaValidator.ConditionHolds(Schema, Schema[0].VisibleWhen!, SettingsJson.Parse("""{"forwarding":true}""")).ShouldBeTrue();
    }
}
