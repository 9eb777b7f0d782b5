using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

/// <summary>StringList errors name the offending entry (e.g. <c>forwardTo[1]</c>) so a form can mark that row.</summary>
public sealed class StringListFieldTests
{
    private static readonly FieldSchema ForwardTo = new("forwardTo", new LocalizedText("Forward to").With("de", "Weiterleiten an"), FieldType.StringList)
    {
        Pattern = "[0-9]{2,6}",
        PatternMessage = "must be an extension of 2 to 6 digits",
        MaxLength = 5,
        Min = 1,
        Max = 3,
    };

    private static SchemaValidationResult Validate(string listJson) =>
        SchemaValidator.Validate([ForwardTo], SettingsJson.Parse($$"""{"forwardTo":{{listJson}}}"""));

    [Fact]
    public void Validate_ValidEntries_StoredTrimmedInOrder()
    {
        var result = Validate("""[" 21 ","300"]""");

        result.IsValid.ShouldBeTrue();
        result.Settings["forwardTo"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["21", "300"]);
    }

    [Fact]
    public void Validate_SecondEntryBreaksPattern_ErrorPathPointsAtThatEntryWithOneBasedNumberInMessage()
    {
        var result = Validate("""["21","abc","300"]""");

        result.Errors.ShouldHaveSingleItem()
            .ShouldBe(new FieldError("forwardTo[1]", "Forward to: entry 2 ('abc'): must be an extension of 2 to 6 digits.") { Code = FieldErrorCodes.Format });
    }

    [Fact]
    public void Validate_SeveralBadEntries_OneErrorPerEntry()
    {
        var result = Validate("""["x","21",""]""");

        result.Errors.Select(e => e.Field).ShouldBe(["forwardTo[0]", "forwardTo[2]"]);
        result.Errors[1].Message.ShouldBe("Forward to: entry 3 must be non-empty text.");
    }

    [Theory]
    [InlineData("12")]
    [InlineData("null")]
    [InlineData("\"  \"")]
    public void Validate_EntryNotText_ErrorOnThatEntry(string entryJson)
    {
        var result = Validate($"""["21",{entryJson}]""");

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("forwardTo[1]", "Forward to: entry 2 must be non-empty text.") { Code = FieldErrorCodes.WrongType });
    }

    [Fact]
    public void Validate_EntryLongerThanMaxLength_ErrorOnThatEntry()
    {
        var result = Validate("""["21","123456"]""");

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("forwardTo[1]", "Forward to: entry 2 must be at most 5 characters long.") { Code = FieldErrorCodes.TooLong });
    }

    [Fact]
    public void Validate_MoreEntriesThanMax_ErrorOnWholeList()
    {
        var result = Validate("""["21","22","23","24"]""");

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("forwardTo", "Forward to must have between 1 and 3 entries; got 4.") { Code = FieldErrorCodes.OutOfRange });
    }

    [Fact]
    public void Validate_EmptyListBelowMin_ErrorOnWholeList()
    {
        var result = Validate("[]");

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("forwardTo", "Forward to must have between 1 and 3 entries; got 0.") { Code = FieldErrorCodes.OutOfRange });
    }

    [Fact]
    public void Validate_NotAList_ErrorOnWholeList()
    {
        var result = Validate("\"21\"");

        result.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("forwardTo", "Forward to must be a list of texts.") { Code = FieldErrorCodes.WrongType });
    }

    [Fact]
    public void Validate_OnlyEntryTooLong_ReportsTheEntryNotAContradictoryCount()
    {
        var result = Validate("""["123456"]""");

        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("forwardTo[0]");
    }

    [Fact]
    public void Validate_RequiredListEmpty_RefusedAsMissing()
    {
        FieldSchema required = new("numbers", "Numbers", FieldType.StringList) { Required = true };

        var result = SchemaValidator.Validate([required], SettingsJson.Parse("""{"numbers":[]}"""));

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("Numbers is required; add at least one entry.");
    }

    [Fact]
    public void Validate_PatternOnSecretWithTrailingNewline_Refused()
    {
        FieldSchema pin = new("pin", "PIN", FieldType.Secret) { Pattern = "[0-9]{4,8}" };

        SchemaValidator.Validate([pin], SettingsJson.Parse("""{"pin":"1234\n"}""")).IsValid.ShouldBeFalse();
    }
}
