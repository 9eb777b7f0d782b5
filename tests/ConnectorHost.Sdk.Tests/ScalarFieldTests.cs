using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

/// <summary>The single-value field types: what each accepts, how it is normalized, and the message when it is refused.</summary>
public sealed class ScalarFieldTests
{
    private static SchemaValidationResult ValidateOne(FieldSchema field, string valueJson) =>
        SchemaValidator.Validate([field], SettingsJson.Parse($$"""{"{{field.Key}}":{{valueJson}}}"""));

    private static JsonNode Stored(SchemaValidationResult result, string key)
    {
        result.Errors.ShouldBeEmpty();
        return result.Settings[key]!;
    }

    // ----- Bool

    private static readonly FieldSchema Active = new("active", "Active", FieldType.Bool);

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Validate_BoolLiteral_StoredAsBool(string json, bool expected)
    {
        Stored(ValidateOne(Active, json), "active").GetValue<bool>().ShouldBe(expected);
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("1")]
    [InlineData("[]")]
    public void Validate_BoolAsTextOrNumber_Refused(string json)
    {
        ValidateOne(Active, json).Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("active", "Active must be true or false.") { Code = FieldErrorCodes.WrongType });
    }

    // ----- Int

    private static readonly FieldSchema Level = new("level", "Level", FieldType.Int) { Min = 1, Max = 5 };

    [Theory]
    [InlineData("4")]
    [InlineData("4.0")]
    [InlineData("\"4\"")]
    public void Validate_IntAsNumberOrNumericText_StoredAsNumber(string json)
    {
        var stored = Stored(ValidateOne(Level, json), "level");

        stored.GetValueKind().ShouldBe(JsonValueKind.Number);
        stored.GetValue<long>().ShouldBe(4);
    }

    [Theory]
    [InlineData("4.5")]
    [InlineData("\"four\"")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Validate_IntNotWholeNumber_Refused(string json)
    {
        ValidateOne(Level, json).Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("level", "Level must be a whole number.") { Code = FieldErrorCodes.WrongType });
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    public void Validate_IntOutsideMinMax_MessageNamesBoundsAndValue(string json)
    {
        ValidateOne(Level, json).Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("level", $"Level must be between 1 and 5; got {json}.") { Code = FieldErrorCodes.OutOfRange });
    }

    [Theory]
    [InlineData("1")]
    [InlineData("5")]
    public void Validate_IntOnMinOrMax_Accepted(string json)
    {
        ValidateOne(Level, json).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Validate_IntWithOnlyMin_MessageShowsOpenUpperBound()
    {
        var field = new FieldSchema("port", "Port", FieldType.Int) { Min = 1 };

        ValidateOne(field, "0").Errors.ShouldHaveSingleItem().Message.ShouldBe("Port must be between 1 and ∞; got 0.");
    }

    [Fact]
    public void Validate_IntValueBuiltInCode_SameRulesAsParsedJson()
    {
        // Connectors build documents in code (e.g. defaults, CSV imports), where numbers are doubles or ints.
        var result = SchemaValidator.Validate([Level], new JsonObject { ["level"] = 2.0 });

        Stored(result, "level").GetValue<long>().ShouldBe(2);
        SchemaValidator.Validate([Level], new JsonObject { ["level"] = 2.5 }).IsValid.ShouldBeFalse();
    }

    // ----- Enum

    private static readonly FieldSchema Team = new("team", "Team", FieldType.Enum)
    {
        AllowedValues = [new("red", new LocalizedText("Red").With("de", "Rot")), new("blue", "Blue")],
    };

    [Fact]
    public void Validate_EnumInOtherLetterCase_StoredAsDeclaredValue()
    {
        Stored(ValidateOne(Team, "\"BLUE\""), "team").GetValue<string>().ShouldBe("blue");
    }

    [Fact]
    public void Validate_EnumUnknownValue_MessageListsAllowedValuesAndWhatWasSent()
    {
        ValidateOne(Team, "\"green\"").Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("team", "Team must be one of: red, blue; got 'green'.") { Code = FieldErrorCodes.NotAllowed });
    }

    [Fact]
    public void Validate_EnumNotText_MessageListsAllowedValues()
    {
        ValidateOne(Team, "1").Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("team", "Team must be one of: red, blue.") { Code = FieldErrorCodes.WrongType });
    }

    // ----- MultiEnum

    private static readonly FieldSchema Days = new("days", "Days", FieldType.MultiEnum)
    {
        AllowedValues = [new("mon", "Monday"), new("tue", "Tuesday"), new("wed", "Wednesday")],
        Min = 1,
        Max = 2,
    };

    [Fact]
    public void Validate_MultiEnumAllowedValues_StoredAsDeclaredValuesInSentOrder()
    {
        var stored = Stored(ValidateOne(Days, """["WED","mon"]"""), "days");

        stored.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["wed", "mon"]);
    }

    [Fact]
    public void Validate_MultiEnumUnknownItem_MessageNamesItem()
    {
        ValidateOne(Days, """["mon","sun"]""").Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("days", "Days contains '\"sun\"', which is not one of: mon, tue, wed.") { Code = FieldErrorCodes.NotAllowed });
    }

    [Fact]
    public void Validate_MultiEnumSameValueTwice_Refused()
    {
        ValidateOne(Days, """["mon","MON"]""").Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("days", "Days lists 'mon' twice.") { Code = FieldErrorCodes.Duplicate });
    }

    [Theory]
    [InlineData("[]", 0)]
    [InlineData("""["mon","tue","wed"]""", 3)]
    public void Validate_MultiEnumCountOutsideMinMax_MessageNamesBoundsAndCount(string json, int count)
    {
        ValidateOne(Days, json).Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("days", $"Days must have between 1 and 2 entries; got {count}.") { Code = FieldErrorCodes.OutOfRange });
    }

    [Fact]
    public void Validate_MultiEnumNotList_Refused()
    {
        ValidateOne(Days, "\"mon\"").Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("days", "Days must be a list of: mon, tue, wed.") { Code = FieldErrorCodes.WrongType });
    }

    // ----- String

    private static readonly FieldSchema Code = new("code", "Cost code", FieldType.String)
    {
        MinLength = 3,
        MaxLength = 6,
        Pattern = "[A-Z0-9]+",
        PatternMessage = "Cost code may only contain capital letters and digits.",
    };

    [Fact]
    public void Validate_StringWithSurroundingSpaces_StoredTrimmed()
    {
        Stored(ValidateOne(Code, "\"  AB12 \""), "code").GetValue<string>().ShouldBe("AB12");
    }

    [Fact]
    public void Validate_StringTooShortAfterTrimming_Refused()
    {
        ValidateOne(Code, "\" AB \"").Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("code", "Cost code must be at least 3 characters long.") { Code = FieldErrorCodes.TooShort });
    }

    [Fact]
    public void Validate_StringTooLong_Refused()
    {
        ValidateOne(Code, "\"ABCDEFG\"").Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("code", "Cost code must be at most 6 characters long.") { Code = FieldErrorCodes.TooLong });
    }

    [Theory]
    [InlineData("\"ab12\"")]
    [InlineData("\"AB-12\"")]
    public void Validate_StringNotMatchingPattern_PatternMessageShown(string json)
    {
        ValidateOne(Code, json).Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("code", "Cost code may only contain capital letters and digits.") { Code = FieldErrorCodes.Format });
    }

    [Fact]
    public void Validate_PatternMatchingOnlyPartOfText_Refused()
    {
        // The pattern must match the whole text, so "[0-9]{3}" does not accept "x1234".
        var field = new FieldSchema("badge", "Badge", FieldType.String) { Pattern = "[0-9]{3}" };

        ValidateOne(field, "\"x1234\"").Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("badge", "Badge has an invalid format.") { Code = FieldErrorCodes.Format });
        ValidateOne(field, "\"123\"").IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("12")]
    [InlineData("true")]
    [InlineData("""["AB12"]""")]
    public void Validate_StringGivenOtherJsonType_Refused(string json)
    {
        ValidateOne(Code, json).Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("code", "Cost code must be text.") { Code = FieldErrorCodes.WrongType });
    }

    // ----- Email

    private static readonly FieldSchema Mail = new("mail", "E-mail", FieldType.Email);

    [Fact]
    public void Validate_EmailWithSpaces_StoredTrimmed()
    {
        Stored(ValidateOne(Mail, "\" ann.lee@example.com \""), "mail").GetValue<string>().ShouldBe("ann.lee@example.com");
    }

    [Theory]
    [InlineData("\"ann.lee\"")]
    [InlineData("\"ann@localhost\"")]
    [InlineData("\"Ann Lee <ann@example.com>\"")]
    [InlineData("\"ann@@example.com\"")]
    [InlineData("5")]
    public void Validate_EmailNotPlainAddress_Refused(string json)
    {
        ValidateOne(Mail, json).Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("mail", "E-mail must be an e-mail address.") { Code = FieldErrorCodes.Format });
    }

    // ----- Phone

    private static readonly FieldSchema Mobile = new("mobile", "Mobile", FieldType.Phone);

    [Theory]
    [InlineData("+4930123456")]
    [InlineData(" +14155550100 ")]
    public void Validate_PhoneInE164_StoredTrimmed(string number)
    {
        Stored(ValidateOne(Mobile, $"\"{number}\""), "mobile").GetValue<string>().ShouldBe(number.Trim());
    }

    [Theory]
    [InlineData("030 123456")]
    [InlineData("+49 30 123456")]
    [InlineData("004930123456")]
    [InlineData("+0301234567")]
    [InlineData("+49301")]
    public void Validate_PhoneNotE164_MessageShowsExample(string number)
    {
        ValidateOne(Mobile, $"\"{number}\"").Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("mobile", "Mobile must be a phone number in E.164 form, e.g. +4930123456.") { Code = FieldErrorCodes.Format });
    }
}
