using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;

namespace HostedPbx.Tests;

/// <summary>search and dial-by-name: the PBX's user directory.</summary>
public sealed class DirectoryActionTests : IAsyncLifetime
{
    private PbxTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = PbxTestBed.Create();
        await SeedAsync(_bed);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static async Task SeedAsync(PbxTestBed bed)
    {
        await bed.AddMemberAsync("Ann", "Lee", "10");
        await bed.AddMemberAsync("Lena", "Smith", "11");
        await bed.AddMemberAsync("Bob", "Miller", "210");
        await bed.AddMemberAsync("Jürgen", "Müller", "12");
        // A core user without PBX settings is not in the directory.
        bed.Directory.AddUser("lee.outsider", "Lee", "Outsider");
    }

    private static string[] Extensions(JsonObject body) =>
        [.. body["users"]!.AsArray().Select(u => u!["extension"]!.GetValue<string>())];

    [Theory]
    [InlineData("lee", new[] { "10" })]
    [InlineData("LE", new[] { "10", "11", "12", "210" })]
    [InlineData("ann lee", new[] { "10" })]
    [InlineData("10", new[] { "10", "210" })]
    [InlineData("müll", new[] { "12" })]
    [InlineData("nobody", new string[0])]
    public async Task Search_NameOrExtensionSubstring_CaseInsensitive(string query, string[] expected)
    {
        var body = await _bed.InvokeJsonAsync("search", inputJson: $$"""{"query":"{{query}}"}""");

        Extensions(body).Order().ShouldBe(expected.Order());
    }

    [Fact]
    public async Task Search_ResultListsUserFieldsButNoSecrets()
    {
        var body = await _bed.InvokeJsonAsync("search", inputJson: """{"query":"Ann"}""");

        var user = body["users"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        user["username"]!.GetValue<string>().ShouldBe("Ann");
        user["lastName"]!.GetValue<string>().ShouldBe("Lee");
        user["licenseType"]!.GetValue<string>().ShouldBe("Voice");
        user.ContainsKey("voicemailPassword").ShouldBeFalse();
    }

    [Theory]
    [InlineData("search", """{"query":42}""", "Search text must be text.")]
    [InlineData("search", """{"query":["lee"]}""", "Search text must be text.")]
    [InlineData("dial-by-name", """{"digits":533}""", "Keypad digits must be text.")]
    public async Task Invoke_InputOfWrongType_400SaysTheTypeInsteadOfRequired(string action, string input, string message)
    {
        var result = await _bed.InvokeAsync(action, inputJson: input);

        var problem = result.ShouldBeOfType<ProblemActionResult>();
        problem.Status.ShouldBe(400);
        problem.Detail.ShouldBe(message);
        problem.Detail.ShouldNotContain("required");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"query":"  "}""")]
    [InlineData("""{"qeury":"lee"}""")]
    public async Task Search_MissingOrMisspelledQuery_BadRequest(string input)
    {
        var result = await _bed.InvokeAsync("search", inputJson: input);

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(400);
    }

    [Fact]
    public async Task DialByName_Five_FindsLeeByLastName()
    {
        var body = await _bed.InvokeJsonAsync("dial-by-name", inputJson: """{"digits":"5"}""");

        body["matchOn"]!.GetValue<string>().ShouldBe("lastName");
        var user = body["users"]!.AsArray().ShouldHaveSingleItem()!;
        user["lastName"]!.GetValue<string>().ShouldBe("Lee");
        user["extension"]!.GetValue<string>().ShouldBe("10");
    }

    [Theory]
    [InlineData("533", new[] { "10" })]
    [InlineData("534", new string[0])]
    [InlineData("6", new[] { "210", "12" })]
    [InlineData("685537", new[] { "12" })]
    [InlineData("645537", new[] { "210" })]
    public async Task DialByName_KeypadLetters_MatchLastNamePrefix(string digits, string[] expected)
    {
        var body = await _bed.InvokeJsonAsync("dial-by-name", inputJson: $$"""{"digits":"{{digits}}"}""");

        Extensions(body).ShouldBe(expected);
    }

    [Fact]
    public async Task DialByName_FirstNameMode_MatchesFirstName()
    {
        await using var bed = PbxTestBed.Create(extra: "\"dialByNameMatch\":\"firstName\"");
        await SeedAsync(bed);

        // 53 = "LE": Lena, not Jürgen (58) and not Lee, whose first name is Ann.
        var body = await bed.InvokeJsonAsync("dial-by-name", inputJson: """{"digits":"53"}""");

        body["matchOn"]!.GetValue<string>().ShouldBe("firstName");
        body["users"]!.AsArray().ShouldHaveSingleItem()!["firstName"]!.GetValue<string>().ShouldBe("Lena");
    }

    [Theory]
    [InlineData("""{"digits":"1"}""")]
    [InlineData("""{"digits":"50"}""")]
    [InlineData("""{"digits":"abc"}""")]
    [InlineData("{}")]
    public async Task DialByName_NotKeypadLetterDigits_BadRequest(string input)
    {
        var result = await _bed.InvokeAsync("dial-by-name", inputJson: input);

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(400);
    }

    [Fact]
    public async Task Invoke_UnknownAction_NotFound()
    {
        var result = await _bed.InvokeAsync("reboot");

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
    }

    [Fact]
    public async Task Invoke_UserActionWithoutUser_BadRequest()
    {
        var result = await _bed.InvokeAsync("qr-code");

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(400);
    }
}
