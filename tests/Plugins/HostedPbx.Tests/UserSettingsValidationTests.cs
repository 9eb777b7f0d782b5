using System.Text;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Users;

namespace HostedPbx.Tests;

public sealed class UserSettingsValidationTests : IAsyncLifetime
{
    private PbxTestBed _bed = null!;
    private Guid _ann;

    public async Task InitializeAsync()
    {
        _bed = PbxTestBed.Create();
        _ann = (await _bed.AddMemberAsync("Ann", "Lee", "10")).Id;
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private Guid NewUser() => _bed.Directory.AddUser("bob.miller", "Bob", "Miller", "bob@example.com").Id;

    [Theory]
    [InlineData("5")]
    [InlineData("12345")]
    [InlineData("1a")]
    [InlineData("")]
    public async Task Extension_NotTwoToFourDigits_Rejected(string extension)
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), $$"""{"extension":"{{extension}}"}""");

        errors.ShouldContain(e => e.Field == "extension");
    }

    [Theory]
    [InlineData("10")]
    [InlineData("9999")]
    [InlineData("123")]
    public async Task Extension_TwoToFourDigitsAndFree_Accepted(string extension)
    {
        // A PBX without Ann, who holds 10.
        await using var bed = PbxTestBed.Create();
        var fresh = bed.Directory.AddUser("carl.fox", "Carl", "Fox").Id;

        var (errors, stored) = await bed.PutSettingsAsync(fresh, $$"""{"extension":"{{extension}}"}""");

        errors.ShouldBeEmpty();
        stored["extension"]!.GetValue<string>().ShouldBe(extension);
    }

    [Fact]
    public async Task Extension_UsedByAnotherUser_ConflictErrorOnExtensionNamingHolder()
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), """{"extension":"10"}""");

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("extension");
        error.Message.ShouldContain(PbxUserRules.AlreadyUsedBy);
        error.Message.ShouldContain("Ann Lee");
    }

    [Fact]
    public async Task Extension_UserKeepsOwnNumber_Accepted()
    {
        var (errors, _) = await _bed.PutSettingsAsync(_ann, """{"extension":"10","doNotDisturb":true}""");

        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    public async Task Rings_OutsideTwoToTen_Rejected(int rings)
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), $$"""{"extension":"20","ringsBeforeVoicemail":{{rings}}}""");

        errors.ShouldHaveSingleItem().Field.ShouldBe("ringsBeforeVoicemail");
    }

    [Theory]
    [InlineData("""{"extension":"20"}""")]
    [InlineData("""{"extension":"20","ringsBeforeVoicemail":""}""")]
    [InlineData("""{"extension":"20","ringsBeforeVoicemail":null}""")]
    public async Task Rings_Empty_DefaultsToFour(string settings)
    {
        var (errors, stored) = await _bed.PutSettingsAsync(NewUser(), settings);

        errors.ShouldBeEmpty();
        PbxUserSettings.Read(stored).RingsBeforeVoicemail.ShouldBe(4);
        stored["ringsBeforeVoicemail"]!.ToJsonString().ShouldBe("4");
    }

    [Fact]
    public async Task Rings_EmptiedOnUpdate_DefaultsToFour()
    {
        (await _bed.PutSettingsAsync(_ann, """{"extension":"10","ringsBeforeVoicemail":7}""")).Errors.ShouldBeEmpty();

        var (errors, stored) = await _bed.PutSettingsAsync(_ann, """{"extension":"10","ringsBeforeVoicemail":""}""");

        errors.ShouldBeEmpty();
        stored["ringsBeforeVoicemail"]!.ToJsonString().ShouldBe("4");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public async Task Rings_Bounds_Accepted(int rings)
    {
        var (errors, stored) = await _bed.PutSettingsAsync(NewUser(), $$"""{"extension":"20","ringsBeforeVoicemail":{{rings}}}""");

        errors.ShouldBeEmpty();
        PbxUserSettings.Read(stored).RingsBeforeVoicemail.ShouldBe(rings);
    }

    [Fact]
    public async Task Defaults_Applied_VoiceLicenseMainNumberVoicemailOnForwardingOffDndOff()
    {
        var (errors, stored) = await _bed.PutSettingsAsync(NewUser(), """{"extension":"20"}""");

        errors.ShouldBeEmpty();
        var settings = PbxUserSettings.Read(stored);
        settings.LicenseType.ShouldBe("Voice");
        settings.OutboundCallerId.ShouldBe(PbxTestBed.MainNumber);
        settings.VoicemailEnabled.ShouldBeTrue();
        settings.ForwardingEnabled.ShouldBeFalse();
        settings.RingStrategy.ShouldBe("simultaneous");
        settings.DoNotDisturb.ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"extension":"20","forwardingEnabled":true}""")]
    [InlineData("""{"extension":"20","forwardingEnabled":true,"forwardingDestinations":[]}""")]
    public async Task Forwarding_OnWithoutDestination_RequiredErrorOnDestinations(string json)
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), json);

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("forwardingDestinations");
        error.Code.ShouldBe(ConnectorHost.Sdk.Schema.FieldErrorCodes.Required);
    }

    [Fact]
    public async Task Forwarding_OffWithDestinations_KeptWithHiddenFieldWarning()
    {
        var proposed = System.Text.Json.Nodes.JsonNode.Parse("""{"extension":"20","forwardingEnabled":false,"forwardingDestinations":["+4930555123"]}""")!.AsObject();

        var result = await _bed.Harness.ValidateSchemaAsync(await _bed.UserSchemaAsync(), proposed);

        result.IsValid.ShouldBeTrue();
        result.Warnings.ShouldHaveSingleItem().Code.ShouldBe(ConnectorHost.Sdk.Schema.FieldWarningCodes.HiddenField);
    }

    [Fact]
    public async Task CallerId_NotInInventory_Rejected()
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), """{"extension":"20","outboundCallerId":"+4989123456"}""");

        errors.ShouldHaveSingleItem().Field.ShouldBe("outboundCallerId");
    }

    [Fact]
    public async Task CallerId_NotInInventory_VendorRuleAlsoRejects()
    {
        // The vendor rule guards documents that reach the connector without the schema's list (e.g. an old schema).
        var user = NewUser();
        var proposed = System.Text.Json.Nodes.JsonNode.Parse("""{"extension":"20","outboundCallerId":"+4989123456"}""")!.AsObject();

        var result = await _bed.Harness.Send(new ValidateUserSettings(_bed.Directory.ContextOf(user, proposed), null));

        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("outboundCallerId");
        error.Message.ShouldBe($"Outbound Caller ID '+4989123456' is not in the PBX's number inventory ({PbxTestBed.MainNumber}, {PbxTestBed.SalesNumber}).");
    }

    [Fact]
    public async Task CallerId_InventoryNumberGivenInNationalForm_AcceptedAsE164()
    {
        var (errors, stored) = await _bed.PutSettingsAsync(NewUser(), $$"""{"extension":"20","outboundCallerId":"{{PbxTestBed.SalesNumber}}"}""");

        errors.ShouldBeEmpty();
        PbxUserSettings.Read(stored).OutboundCallerId.ShouldBe(PbxTestBed.SalesNumber);
    }

    [Fact]
    public async Task LicenseType_Admin_Accepted_Unknown_Rejected()
    {
        var user = NewUser();
        (await _bed.PutSettingsAsync(user, """{"extension":"20","licenseType":"admin"}""")).Errors.ShouldBeEmpty();
        PbxUserSettings.Read(_bed.Directory.UserSettings(user)!).LicenseType.ShouldBe("Admin");

        var (errors, _) = await _bed.PutSettingsAsync(user, """{"extension":"20","licenseType":"Owner"}""");

        errors.ShouldHaveSingleItem().Field.ShouldBe("licenseType");
    }

    [Fact]
    public async Task LicenseType_AdminWithoutEmail_RejectedOnLicenseType()
    {
        var noEmail = _bed.Directory.AddUser("carl.fox", "Carl", "Fox").Id;

        var (errors, _) = await _bed.PutSettingsAsync(noEmail, """{"extension":"20","licenseType":"Admin"}""");

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("licenseType");
        error.Message.ShouldContain("e-mail");
        (await _bed.PutSettingsAsync(noEmail, """{"extension":"20","licenseType":"Voice"}""")).Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Forwarding_UnknownExtension_RejectedNamingTheEntry()
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(),
            """{"extension":"20","forwardingEnabled":true,"forwardingDestinations":["10","77"]}""");

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("forwardingDestinations[1]");
        error.Message.ShouldBe("Forwarding destination 2 ('77'): no user has extension 77 in the PBX.");
    }

    [Fact]
    public async Task Forwarding_ExistingExtensionAndExternalNumber_AcceptedWithExternalInE164()
    {
        var (errors, stored) = await _bed.PutSettingsAsync(NewUser(),
            """{"extension":"20","forwardingEnabled":true,"forwardingDestinations":["10","089 123456"],"ringStrategy":"sequential"}""");

        errors.ShouldBeEmpty();
        var settings = PbxUserSettings.Read(stored);
        settings.ForwardingDestinations.ShouldBe(["10", "+4989123456"]);
        settings.RingStrategy.ShouldBe("sequential");
    }

    [Theory]
    [InlineData("""["20"]""", "forwardingDestinations[0]")]
    [InlineData("""["not a number"]""", "forwardingDestinations[0]")]
    [InlineData("""["10","10"]""", "forwardingDestinations[1]")]
    [InlineData("""[]""", "forwardingDestinations")]
    public async Task Forwarding_OwnExtensionGarbageDuplicateOrEmpty_Rejected(string destinations, string field)
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(),
            $$"""{"extension":"20","forwardingEnabled":true,"forwardingDestinations":{{destinations}}}""");

        errors.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public async Task Forwarding_UnknownRingStrategy_Rejected()
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), """{"extension":"20","ringStrategy":"random"}""");

        errors.ShouldHaveSingleItem().Field.ShouldBe("ringStrategy");
    }

    [Theory]
    [InlineData("greeting.wav", true)]
    [InlineData("greeting.mp3", false)]
    public async Task Greeting_WavOrMp3ByContent_Accepted(string fileName, bool wav)
    {
        var data = wav ? AudioSamples.Wav() : AudioSamples.Mp3();

        var (errors, stored) = await _bed.PutSettingsAsync(NewUser(), $$"""{"extension":"20","greeting":{{AudioSamples.FileJson(fileName, data)}}}""");

        errors.ShouldBeEmpty();
        var greeting = PbxUserSettings.Read(stored).Greeting.ShouldNotBeNull();
        greeting.ContentType.ShouldBe(wav ? "audio/wav" : "audio/mpeg");
        greeting.Data.ShouldBe(data);
    }

    [Fact]
    public async Task Greeting_TextFileRenamedToWav_Rejected()
    {
        var text = Encoding.UTF8.GetBytes("this is not audio, just a renamed text file");

        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), $$"""{"extension":"20","greeting":{{AudioSamples.FileJson("greeting.wav", text)}}}""");

        errors.ShouldHaveSingleItem().Field.ShouldBe("greeting");
    }

    [Fact]
    public async Task Greeting_LargerThanConnectorLimit_Rejected()
    {
        await using var bed = PbxTestBed.Create(extra: "\"greetingMaxBytes\": 10240");
        var user = bed.Directory.AddUser("bob.miller", "Bob", "Miller").Id;

        var (errors, _) = await bed.PutSettingsAsync(user, $$"""{"extension":"20","greeting":{{AudioSamples.FileJson("long.wav", AudioSamples.Wav(10241))}}}""");

        errors.ShouldHaveSingleItem().Field.ShouldBe("greeting");
    }

    [Theory]
    [InlineData("12ab")]
    [InlineData("123")]
    [InlineData("12345678901")]
    public async Task VoicemailPassword_NotFourToTenDigits_RejectedWithoutEchoingIt(string pin)
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), $$"""{"extension":"20","voicemailPassword":"{{pin}}"}""");

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("voicemailPassword");
        error.Message.ShouldNotContain(pin);
    }

    [Fact]
    public async Task VoicemailPassword_SameAsExtension_Rejected()
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), """{"extension":"2020","voicemailPassword":"2020"}""");

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("voicemailPassword");
        error.Message.ShouldBe("Voicemail Password must not be the extension number.");
    }

    [Theory]
    [InlineData("4711")]
    [InlineData("0123456789")]
    public async Task VoicemailPassword_FourToTenDigits_Accepted(string pin)
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), $$"""{"extension":"20","voicemailPassword":"{{pin}}"}""");

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task VoicemailEmail_NotAnAddress_Rejected()
    {
        var (errors, _) = await _bed.PutSettingsAsync(NewUser(), """{"extension":"20","voicemailEmail":"not-an-address"}""");

        errors.ShouldHaveSingleItem().Field.ShouldBe("voicemailEmail");
    }

    [Fact]
    public async Task Validate_OnlyTheExtensionTaken_ConflictSoTheHostAnswers409()
    {
        var bob = NewUser();

        var result = await _bed.Harness.Send(new ValidateUserSettings(_bed.Directory.ContextOf(bob, Settings("""{"extension":"10"}""")), null));

        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("extension");
        result.IsConflict.ShouldBeTrue();
    }

    [Fact]
    public async Task Validate_ExtensionTakenAndAnotherError_NotAConflict()
    {
        var bob = NewUser();
        var proposed = Settings("""{"extension":"10","outboundCallerId":"+4989123456"}""");

        var result = await _bed.Harness.Send(new ValidateUserSettings(_bed.Directory.ContextOf(bob, proposed), null));

        result.Errors.Count.ShouldBe(2);
        result.IsConflict.ShouldBeFalse();
    }

    [Fact]
    public async Task Validate_OnlyAForwardingError_NotAConflict()
    {
        var bob = NewUser();
        var proposed = Settings("""{"extension":"20","forwardingEnabled":true,"forwardingDestinations":["20"]}""");

        var result = await _bed.Harness.Send(new ValidateUserSettings(_bed.Directory.ContextOf(bob, proposed), null));

        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("forwardingDestinations[0]");
        result.IsConflict.ShouldBeFalse();
    }

    [Fact]
    public void ToString_SettingsAndVoicemailBodyHoldingAPin_NeverShowIt()
    {
        var settings = PbxUserSettings.Read(Settings("""{"extension":"10","voicemailPassword":"4711"}"""));
        var body = new HostedPbx.Gateway.PbxVoicemailSettings(true, "ann@example.com", "4711");

        // What a log line or debugger shows.
        settings.ToString().ShouldBe("PbxUserSettings { Extension = 10 }");
        body.ToString().ShouldBe("PbxVoicemailSettings { Enabled = True, Email = ann@example.com }");
    }

    private static System.Text.Json.Nodes.JsonObject Settings(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
}
