using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

/// <summary>Rules that apply to the document as a whole: required fields, defaults, unknown keys, read-only fields.</summary>
public sealed class DocumentRulesTests
{
    private static readonly FieldSchema[] Schema =
    [
        new("badge", new LocalizedText("Badge number").With("de", "Ausweisnummer"), FieldType.String) { Required = true },
        new("level", "Level", FieldType.Int) { Min = 1, Max = 5, Default = 3 },
        new("region", "Region", FieldType.String) { Default = "EU" },
        new("note", "Note", FieldType.String),
    ];

    [Fact]
    public void Validate_RequiredFieldMissing_ErrorNamesFieldWithEnglishLabel()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("{}"));

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("badge", "Badge number is required.") { Code = FieldErrorCodes.Required });
    }

    [Theory]
    [InlineData("""{"badge":""}""")]
    [InlineData("""{"badge":"   "}""")]
    [InlineData("""{"badge":null}""")]
    public void Validate_RequiredFieldBlankOrNull_CountsAsMissing(string json)
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse(json));

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("badge", "Badge number is required.") { Code = FieldErrorCodes.Required });
    }

    [Fact]
    public void Validate_NullDocument_TreatedAsEmptyDocument()
    {
        var result = SchemaValidator.Validate(Schema, null);

        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("badge");
        result.Settings["level"]!.GetValue<long>().ShouldBe(3);
    }

    [Fact]
    public void Validate_OptionalFieldsAbsentOnCreate_DefaultsAppliedAndFieldsWithoutDefaultLeftOut()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"badge":"123"}"""));

        result.IsValid.ShouldBeTrue();
        result.Settings["level"]!.GetValue<long>().ShouldBe(3);
        result.Settings["region"]!.GetValue<string>().ShouldBe("EU");
        result.Settings.ContainsKey("note").ShouldBeFalse();
    }

    [Fact]
    public void Validate_BlankValueOnCreate_DefaultApplied()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"badge":"123","region":" "}"""));

        result.Settings["region"]!.GetValue<string>().ShouldBe("EU");
    }

    [Fact]
    public void Validate_FieldNewToSchemaAbsentOnUpdate_DefaultApplied()
    {
        // A connector update added "region"; documents stored before that get its default on their next write.
        var previous = SettingsJson.Parse("""{"badge":"123","level":4}""");

        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"badge":"123","level":4}"""), previous);

        result.Settings["region"]!.GetValue<string>().ShouldBe("EU");
    }

    [Fact]
    public void Validate_DefaultBreaksOwnRule_ReportedOnTheField()
    {
        // Defaults go through the same checks, so a connector's misconfigured default shows up in its first test.
        FieldSchema[] schema = [new("level", "Level", FieldType.Int) { Min = 1, Max = 5, Default = 9 }];

        var result = SchemaValidator.Validate(schema, SettingsJson.Parse("{}"));

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("level", "Level must be between 1 and 5; got 9.") { Code = FieldErrorCodes.OutOfRange });
    }

    [Fact]
    public void Validate_UnknownKey_ErrorNamesKeyAndKeyIsDropped()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"badge":"123","colour":"red"}"""));

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("colour", "'colour' is not a known field.") { Code = FieldErrorCodes.UnknownField });
        result.Settings.ContainsKey("colour").ShouldBeFalse();
    }

    [Fact]
    public void Validate_KeyInOtherLetterCase_ReportedAsUnknown()
    {
        // Keys are JSON property names: "Badge" is a typo, not the badge field.
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"Badge":"123"}"""));

        result.Errors.Select(e => e.Field).ShouldBe(["Badge", "badge"], ignoreOrder: true);
    }

    [Fact]
    public void Validate_SeveralBadFields_EveryErrorReportedAtOnce()
    {
        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"level":9,"note":42,"extra":true}"""));

        result.Errors.Select(e => e.Field).ShouldBe(["extra", "badge", "level", "note"], ignoreOrder: true);
    }

    [Fact]
    public void Validate_ValidDocument_InputNotModified()
    {
        var input = SettingsJson.Parse("""{"badge":" 123 "}""");

        SchemaValidator.Validate(Schema, input);

        input.ToJsonString().ShouldBe("""{"badge":" 123 "}""");
    }

    [Fact]
    public void Validate_ValidDocument_ResultIsNewDocumentWithNormalizedValues()
    {
        var input = SettingsJson.Parse("""{"badge":" 123 ","level":"4"}""");

        var result = SchemaValidator.Validate(Schema, input);

        result.Settings.ShouldNotBeSameAs(input);
        JsonNode.DeepEquals(result.Settings, SettingsJson.Parse("""{"badge":"123","level":4,"region":"EU"}""")).ShouldBeTrue(result.Settings.ToJsonString());
    }

    private static readonly FieldSchema[] LoginSchema =
    [
        new("login", "Login", FieldType.String) { ReadOnlyAfterCreate = true },
        new("note", "Note", FieldType.String),
    ];

    [Fact]
    public void Validate_ReadOnlyFieldOnCreate_AnyValueAccepted()
    {
        var result = SchemaValidator.Validate(LoginSchema, SettingsJson.Parse("""{"login":"ann"}"""), previous: null);

        result.IsValid.ShouldBeTrue();
        result.Settings["login"]!.GetValue<string>().ShouldBe("ann");
    }

    [Fact]
    public void Validate_ReadOnlyFieldChangedOnUpdate_ErrorAndStoredValueKept()
    {
        var previous = SettingsJson.Parse("""{"login":"ann"}""");

        var result = SchemaValidator.Validate(LoginSchema, SettingsJson.Parse("""{"login":"bob"}"""), previous);

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("login", "Login cannot be changed after creation.") { Code = FieldErrorCodes.ReadOnly });
        result.Settings["login"]!.GetValue<string>().ShouldBe("ann");
    }

    [Fact]
    public void Validate_ReadOnlyFieldSentUnchangedOnUpdate_Valid()
    {
        var previous = SettingsJson.Parse("""{"login":"ann","note":"old"}""");

        var result = SchemaValidator.Validate(LoginSchema, SettingsJson.Parse("""{"login":"ann","note":"new"}"""), previous);

        result.IsValid.ShouldBeTrue();
        result.Settings["note"]!.GetValue<string>().ShouldBe("new");
    }

    [Fact]
    public void Validate_ReadOnlyFieldEmptyBeforeAndSetOnUpdate_Accepted()
    {
        // Only a value that exists is protected; a field left empty at creation can still be filled in once.
        var previous = SettingsJson.Parse("""{"note":"x"}""");

        var result = SchemaValidator.Validate(LoginSchema, SettingsJson.Parse("""{"login":"ann","note":"x"}"""), previous);

        result.IsValid.ShouldBeTrue();
        result.Settings["login"]!.GetValue<string>().ShouldBe("ann");
    }

    [Fact]
    public void Validate_ReadOnlyFieldOmittedOrPaddedOnUpdate_KeepsStoredValueWithoutError()
    {
        var previous = SettingsJson.Parse("""{"login":"ann"}""");

        var omitted = SchemaValidator.Validate(LoginSchema, SettingsJson.Parse("""{}"""), previous);
        var padded = SchemaValidator.Validate(LoginSchema, SettingsJson.Parse("""{"login":"  ann "}"""), previous);

        omitted.IsValid.ShouldBeTrue();
        omitted.Settings["login"]!.GetValue<string>().ShouldBe("ann");
        padded.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Validate_StoredFieldOmittedOnUpdate_DefaultAppliedAgain()
    {
        // A PUT replaces the document: leaving a field out resets it to its default, as a form reset would.
        var previous = SettingsJson.Parse("""{"badge":"1","level":5,"region":"US"}""");

        var result = SchemaValidator.Validate(Schema, SettingsJson.Parse("""{"badge":"1","region":"US"}"""), previous);

        result.Settings["level"]!.GetValue<long>().ShouldBe(3);
    }
}
