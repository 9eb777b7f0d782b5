using System.Text.Json.Nodes;

namespace Starface.Cti.Tests;

/// <summary>The exact fields and texts of a screen-pop answer, which the CTI client shows or acts on.</summary>
public sealed class ScreenPopResultTests
{
    private static async Task<(CtiTestBed Bed, Guid AnnaId, Guid ContactId)> StartAsync(Action<JsonObject>? userSettings = null)
    {
        var bed = await CtiTestBed.StartAsync();
        var contact = bed.BusinessCentral.AddContact("CT000001", "Adatum Corporation", phone: "+49 30 1234567");
        var anna = await bed.AddCtiUserAsync("anna", "201", adjust: userSettings);
        return (bed, anna.Id, contact);
    }

    private static JsonObject Call(string direction, string caller, string called, string phase = "ringing") =>
        new() { ["direction"] = direction, ["phase"] = phase, ["callerNumber"] = caller, ["calledNumber"] = called };

    [Fact]
    public async Task ScreenPop_IncomingKnownContact_AnswerNamesUserCallRecordAndReason()
    {
        var (bed, annaId, contactId) = await StartAsync();
        await using var _ = bed;

        var result = await bed.InvokeJsonAsync("screen-pop", Call("incoming", "030 1234567", "201"));

        result["user"]!.ToJsonString().ShouldBe(new JsonObject { ["id"] = annaId.ToString("D"), ["username"] = "anna", ["extension"] = "201" }.ToJsonString());
        result["direction"]!.GetValue<string>().ShouldBe("incoming");
        result["phase"]!.GetValue<string>().ShouldBe("ringing");
        result["remoteNumber"]!.GetValue<string>().ShouldBe("030 1234567");
        result["normalizedNumber"]!.GetValue<string>().ShouldBe("+49301234567");
        result["records"]!.ToJsonString().ShouldBe(new JsonArray(new JsonObject
        {
            ["type"] = "contact", ["id"] = contactId.ToString("D"), ["number"] = "CT000001", ["displayName"] = "Adatum Corporation",
        }).ToJsonString());
        result["reason"]!.GetValue<string>().ShouldBe("Found contact CT000001 on page 5050.");
    }

    [Fact]
    public async Task ScreenPop_TwoContactsWithTheNumber_OpensBothAndSaysHowMany()
    {
        var (bed, _, _) = await StartAsync();
        await using var __ = bed;
        bed.BusinessCentral.AddContact("CT000009", "Adatum Branch", phone: "030 1234567");

        var result = await bed.InvokeJsonAsync("screen-pop", Call("incoming", "+49 30 1234567", "201"));

        result["records"]!.AsArray().Select(r => r!["number"]!.GetValue<string>()).ShouldBe(["CT000001", "CT000009"]);
        result["reason"]!.GetValue<string>().ShouldBe("Found 2 records on page 5050.");
    }

    [Fact]
    public async Task ScreenPop_OutgoingCallWhileOpenCtiPageIsIncoming_ReasonNamesSettingAndDirection()
    {
        var (bed, _, _) = await StartAsync(s => s["openCtiPage"] = "incoming");
        await using var _ = bed;

        var result = await bed.InvokeJsonAsync("screen-pop", Call("outgoing", "201", "030 1234567"));

        result["pop"]!.GetValue<bool>().ShouldBeFalse();
        result["action"]!.GetValue<string>().ShouldBe("none");
        result["direction"]!.GetValue<string>().ShouldBe("outgoing");
        result["reason"]!.GetValue<string>().ShouldBe("Open CTI page is 'incoming'; this call is outgoing.");
    }

    [Fact]
    public async Task ScreenPop_IncomingCallWhileOpenCtiPageIsOutgoing_ReasonSaysIncoming()
    {
        var (bed, _, _) = await StartAsync(s => s["openCtiPage"] = "outgoing");
        await using var _ = bed;

        var result = await bed.InvokeJsonAsync("screen-pop", Call("incoming", "030 1234567", "201"));

        result["reason"]!.GetValue<string>().ShouldBe("Open CTI page is 'outgoing'; this call is incoming.");
    }

    [Fact]
    public async Task ScreenPop_RingingWhileTimeOfOpeningIsAnswered_ReasonNamesBothPhases()
    {
        var (bed, _, _) = await StartAsync(s => s["openCtiPageAt"] = "answered");
        await using var _ = bed;

        var result = await bed.InvokeJsonAsync("screen-pop", Call("incoming", "030 1234567", "201"));

        result["pop"]!.GetValue<bool>().ShouldBeFalse();
        result["reason"]!.GetValue<string>().ShouldBe("Time of opening CTI page is 'answered'; this event is 'ringing'.");
    }

    [Fact]
    public async Task ScreenPop_UnknownNumberDoNothing_ReasonSaysSo()
    {
        var (bed, _, _) = await StartAsync();
        await using var _ = bed;

        var result = await bed.InvokeJsonAsync("screen-pop", Call("incoming", "+49 89 999999", "201"));

        result["pop"]!.GetValue<bool>().ShouldBeFalse();
        result["action"]!.GetValue<string>().ShouldBe("none");
        result["reason"]!.GetValue<string>().ShouldBe("Number not found; No. not found action is 'do nothing'.");
    }

    [Fact]
    public async Task ScreenPop_UnknownNumberNewContact_ReasonAndPrefillUseTheNormalizedNumber()
    {
        var (bed, _, _) = await StartAsync(s => s["notFoundAction"] = "new-contact");
        await using var _ = bed;

        var result = await bed.InvokeJsonAsync("screen-pop", Call("incoming", "089 999999", "201"));

        result["pop"]!.GetValue<bool>().ShouldBeTrue();
        result["prefill"]!.ToJsonString().ShouldBe(new JsonObject { ["Phone No."] = "+4989999999" }.ToJsonString());
        result["reason"]!.GetValue<string>().ShouldBe("Number not found; opening a new contact card with the number.");
    }

    [Fact]
    public async Task ScreenPop_UnknownNumberFilteredList_ReasonNamesThePage()
    {
        var (bed, _, _) = await StartAsync(s => s["notFoundAction"] = "filtered-list");
        await using var _ = bed;

        var result = await bed.InvokeJsonAsync("screen-pop", Call("incoming", "089 999999", "201"));

        result["pop"]!.GetValue<bool>().ShouldBeTrue();
        result["action"]!.GetValue<string>().ShouldBe("filtered-list");
        result["reason"]!.GetValue<string>().ShouldBe("Number not found; opening page 5052 filtered by the number.");
    }

    [Fact]
    public async Task ScreenPop_UnreadableNumberFilteredList_FiltersOnItsOwnDigitsWithoutAskingBusinessCentral()
    {
        var (bed, _, _) = await StartAsync(s => s["notFoundAction"] = "filtered-list");
        await using var _ = bed;

        // Digits, but no number libphonenumber accepts: nothing to look up, the list is filtered on the digits typed.
        var result = await bed.InvokeJsonAsync("screen-pop", Call("incoming", "1", "201"));

        result["normalizedNumber"].ShouldBeNull();
        result["url"]!.GetValue<string>().ShouldEndWith("&page=5052&filter=" + Uri.EscapeDataString("'Phone No.' IS '*1'"));
        bed.BusinessCentral.ApiRequests.ShouldBe(0);
    }

    [Fact]
    public void TrailingDigitsFilter_NumberWithoutDigits_IsTheNumberAsGiven()
    {
        Starface.Cti.Actions.ScreenPopAction.TrailingDigitsFilter(null, "anonymous").ShouldBe("anonymous");
    }

    [Fact]
    public async Task ScreenPop_OutgoingWithoutNumbers_ErrorsNameCalledAndCallerNumberWithTheirRoles()
    {
        var (bed, _, _) = await StartAsync();
        await using var _ = bed;

        var problem = await bed.InvokeProblemAsync("screen-pop", new JsonObject { ["direction"] = "outgoing", ["phase"] = "ringing" });

        problem.Status.ShouldBe(400);
        problem.Title.ShouldBe("Invalid call event");
        problem.Errors.ShouldBe([
            new("callerNumber", "callerNumber (the user's extension) or extension is required for an outgoing call."),
            new("calledNumber", "calledNumber (the remote party) is required for an outgoing call."),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task ScreenPop_UnknownExtension_Returns404NamingTheExtension()
    {
        var (bed, _, _) = await StartAsync();
        await using var _ = bed;

        var problem = await bed.InvokeProblemAsync("screen-pop", Call("incoming", "030 1234567", "299"));

        problem.Status.ShouldBe(404);
        problem.Title.ShouldBe("No CTI user for extension");
        problem.Detail.ShouldBe("No CTI-active user has extension 299; inactive users are ignored by the CTI.");
    }

    [Fact]
    public void Filter_ValueWithApostrophe_DoublesItSoTheWebClientReadsOneValue()
    {
        Starface.Cti.ScreenPop.WebClientLink.Filter("Name", "O'Brien").ShouldBe("'Name' IS 'O''Brien'");
    }

    [Theory]
    [InlineData("de-AT", "de")]
    [InlineData("EN_us", "en")]
    [InlineData("fr", "default")]
    [InlineData(null, "default")]
    public void LanguageOf_CoreLanguageTag_IsStarfaceLanguage(string? tag, string expected)
    {
        Starface.Cti.Users.StarfaceUserMapping.LanguageOf(tag).ShouldBe(expected);
    }
}
