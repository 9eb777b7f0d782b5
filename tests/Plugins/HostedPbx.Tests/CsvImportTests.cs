using System.Text;
using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;
using HostedPbx.Users;

namespace HostedPbx.Tests;

public sealed class CsvImportTests : IAsyncLifetime
{
    private const string Header = "firstName,lastName,email,extension,licenseType,outboundCallerId,ringsBeforeVoicemail,voicemailPassword,forwardingEnabled,forwardingDestinations";
    private PbxTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = PbxTestBed.Create();
        await _bed.AddMemberAsync("Ann", "Lee", "10");
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static string Input(string csv, string mode) =>
        new JsonObject { ["csv"] = csv, ["mode"] = mode }.ToJsonString();

    private static string FileInput(byte[] bytes) =>
        new JsonObject { ["file"] = new JsonObject { ["fileName"] = "users.csv", ["data"] = Convert.ToBase64String(bytes) } }.ToJsonString();

    private static readonly string MixedFile = string.Join("\n",
        Header,
        "Bob,Miller,bob@example.com,11,Admin,030 12345671,6,4711,true,10|+4989123456",
        "Carl,Fox,carl@example.com,5,Voice,,,,,",
        "Dana,Hill,dana@example.com,12,Voice,+4989123456,11,,,",
        "Eve,Stone,eve@example.com,10,,,,,,",
        "Finn,Berg,finn@example.com,11,,,,,,",
        "Gina,Park,gina@example.com,13,,,,,true,99");

    [Fact]
    public async Task FailMode_BadRows_WritesNothingAndNamesRowsAndColumns()
    {
        var usersBefore = _bed.Directory.Users.Count;

        var result = await _bed.InvokeAsync("import-csv", inputJson: Input(MixedFile, "fail"));

        var problem = result.ShouldBeOfType<ProblemActionResult>();
        problem.Status.ShouldBe(400);
        _bed.Directory.Users.Count.ShouldBe(usersBefore);
        problem.Errors.Select(e => e.Field).ShouldBe(
        [
            "rows[3].extension",
            "rows[4].outboundCallerId",
            "rows[4].ringsBeforeVoicemail",
            "rows[5].extension",
            "rows[6].extension",
            "rows[7].forwardingDestinations",
        ], ignoreOrder: true);
        problem.Errors.Single(e => e.Field == "rows[5].extension").Message.ShouldContain("Ann Lee");
        problem.Errors.Single(e => e.Field == "rows[6].extension").Message.ShouldContain("row 2");
        problem.Errors.ShouldAllBe(e => e.Message.StartsWith("Row "));
        problem.Detail.ShouldContain("3, 4, 5, 6, 7");
    }

    [Fact]
    public async Task SkipMode_ImportsGoodRowsWithPbxSettingsAndReportsTheOthers()
    {
        var body = await _bed.InvokeJsonAsync("import-csv", inputJson: Input(MixedFile, "skip"));

        body["rows"]!.GetValue<int>().ShouldBe(6);
        var created = body["created"]!.AsArray().ShouldHaveSingleItem()!;
        created["row"]!.GetValue<int>().ShouldBe(2);
        created["extension"]!.GetValue<string>().ShouldBe("11");
        body["skipped"]!.AsArray().Select(s => s!["row"]!.GetValue<int>()).ShouldBe([3, 4, 5, 6, 7]);
        body["skipped"]![0]!["errors"]![0]!["column"]!.GetValue<string>().ShouldBe("extension");

        var bob = _bed.Directory.Users.Single(u => u.FirstName == "Bob");
        bob.Username.ShouldBe("bob@example.com");
        bob.Email.ShouldBe("bob@example.com");
        bob.Extension.ShouldBe("11");
        var settings = PbxUserSettings.Read(_bed.Directory.UserSettings(bob.Id)!);
        settings.LicenseType.ShouldBe("Admin");
        settings.OutboundCallerId.ShouldBe(PbxTestBed.SalesNumber);
        settings.RingsBeforeVoicemail.ShouldBe(6);
        settings.VoicemailPassword.ShouldBe("4711");
        settings.ForwardingDestinations.ShouldBe(["10", "+4989123456"]);
        settings.VoicemailEnabled.ShouldBeTrue();
        body.ToJsonString().ShouldNotContain("4711");
    }

    [Fact]
    public async Task SkipMode_AdminWithoutEmail_RowSkippedOnLicenseType()
    {
        var csv = """
            firstName,lastName,extension,licenseType
            Bob,Miller,11,Admin
            """;

        var body = await _bed.InvokeJsonAsync("import-csv", inputJson: Input(csv, "skip"));

        body["created"]!.AsArray().ShouldBeEmpty();
        body["skipped"]![0]!["errors"]![0]!["column"]!.GetValue<string>().ShouldBe("licenseType");
    }

    [Fact]
    public async Task FailMode_AllRowsValid_CreatesAllIncludingForwardingToAnotherRow()
    {
        var csv = """
            firstName;lastName;extension;forwardingEnabled;forwardingDestinations
            Bob;Miller;11;yes;12
            Carl;Fox;12;no;
            """;

        var body = await _bed.InvokeJsonAsync("import-csv", inputJson: Input(csv, "fail"));

        body["created"]!.AsArray().Count.ShouldBe(2);
        body["skipped"]!.AsArray().ShouldBeEmpty();
        _bed.Directory.Users.Single(u => u.FirstName == "Carl").Username.ShouldBe("carl.fox");
    }

    [Fact]
    public async Task SkipMode_ForwardingToSkippedRow_SkippedToo()
    {
        var csv = """
            firstName,lastName,extension,ringsBeforeVoicemail,forwardingEnabled,forwardingDestinations
            Bob,Miller,11,,true,12
            Carl,Fox,12,99,,
            """;

        var body = await _bed.InvokeJsonAsync("import-csv", inputJson: Input(csv, "skip"));

        body["created"]!.AsArray().ShouldBeEmpty();
        var skipped = body["skipped"]!.AsArray();
        skipped.Select(s => s!["row"]!.GetValue<int>()).ShouldBe([2, 3]);
        skipped[0]!["errors"]![0]!["column"]!.GetValue<string>().ShouldBe("forwardingDestinations");
    }

    [Fact]
    public async Task Import_DuplicateUsernameWithinFile_RowReported()
    {
        var csv = """
            firstName,lastName,username,extension
            Bob,Miller,bob,11
            Bobby,Miller,BOB,12
            """;

        var result = await _bed.InvokeAsync("import-csv", inputJson: Input(csv, "fail"));

        var error = result.ShouldBeOfType<ProblemActionResult>().Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("rows[3].username");
    }

    [Fact]
    public async Task Import_UsernameTakenInCore_SkipModeReportsRow()
    {
        _bed.Directory.AddUser("bob", "Robert", "Other");
        var csv = "firstName,lastName,username,extension\nBob,Miller,bob,11\nCarl,Fox,carl,12";

        var body = await _bed.InvokeJsonAsync("import-csv", inputJson: Input(csv, "skip"));

        body["created"]!.AsArray().ShouldHaveSingleItem()!["username"]!.GetValue<string>().ShouldBe("carl");
        var skipped = body["skipped"]!.AsArray().ShouldHaveSingleItem()!;
        skipped["row"]!.GetValue<int>().ShouldBe(2);
        skipped["errors"]![0]!["column"]!.GetValue<string>().ShouldBe("username");
    }

    [Fact]
    public async Task Import_RowWithTooFewFields_RowErrorNamesIt()
    {
        var csv = "firstName,lastName,extension\nBob,Miller\nCarl,Fox,12";

        var body = await _bed.InvokeJsonAsync("import-csv", inputJson: Input(csv, "skip"));

        body["skipped"]!.AsArray().ShouldHaveSingleItem()!["errors"]![0]!["message"]!.GetValue<string>().ShouldContain("Row 2");
        body["created"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Import_QuotedFieldWithSeparatorAndUtf8Bom_Read()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("firstName,lastName,extension\n\"Jürgen\",\"Müller, Jr.\",14\n")).ToArray();

        var body = await _bed.InvokeJsonAsync("import-csv", inputJson: FileInput(bytes));

        body["mode"]!.GetValue<string>().ShouldBe("fail");
        _bed.Directory.Users.Single(u => u.FirstName == "Jürgen").LastName.ShouldBe("Müller, Jr.");
    }

    [Fact]
    public async Task Import_Latin1File_ClearEncodingError()
    {
        var latin1 = Encoding.Latin1.GetBytes("firstName,lastName,extension\nJürgen,Müller,14\n");

        var result = await _bed.InvokeAsync("import-csv", inputJson: FileInput(latin1));

        var problem = result.ShouldBeOfType<ProblemActionResult>();
        problem.Status.ShouldBe(400);
        problem.Detail.ShouldContain("not valid UTF-8");
        problem.Errors.ShouldHaveSingleItem().Field.ShouldBe("file");
    }

    [Fact]
    public async Task Import_Utf16File_ClearEncodingError()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("firstName,lastName,extension\nBob,Miller,14\n")).ToArray();

        var result = await _bed.InvokeAsync("import-csv", inputJson: FileInput(utf16));

        result.ShouldBeOfType<ProblemActionResult>().Detail.ShouldContain("UTF-16");
    }

    [Fact]
    public async Task Import_TextWithReplacementCharacters_ClearEncodingError()
    {
        var result = await _bed.InvokeAsync("import-csv", inputJson: Input("firstName,lastName,extension\nJ\uFFFDrgen,M\uFFFDller,14", "fail"));

        result.ShouldBeOfType<ProblemActionResult>().Detail.ShouldContain("wrong encoding");
    }

    [Theory]
    [InlineData("firstName,lastName,extension\nBob,\"Mil\"ler,11\nCarl,Fox,12", "row 2")]
    [InlineData("firstName,lastName,extension\nBob,Miller,11\nCarl,\"Fox,12", "row 3")]
    [InlineData("firstName,lastName,extension\nBob,\"Mil\"ler,11\nCarl,\"Fox,12", "row 3: a quoted field that is never closed")]
    public async Task Import_MalformedQuotes_ClearErrorNamingTheRow(string csv, string row)
    {
        var result = await _bed.InvokeAsync("import-csv", inputJson: Input(csv, "skip"));

        var problem = result.ShouldBeOfType<ProblemActionResult>();
        problem.Status.ShouldBe(400);
        problem.Detail.ShouldContain("malformed");
        problem.Detail.ShouldContain(row);
        _bed.Directory.Users.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("firstName,lastName,extension,phone\nBob,Miller,11,123", "Unknown column 'phone'")]
    [InlineData("firstName,extension\nBob,11", "missing: lastName")]
    [InlineData("firstName,lastName,extension,Extension\nBob,Miller,11,12", "twice")]
    [InlineData("firstName,lastName,extension\n", "no data rows")]
    [InlineData("", "is required")]
    public async Task Import_BadHeaderOrNoRows_ClearFileError(string csv, string expected)
    {
        var result = await _bed.InvokeAsync("import-csv", inputJson: Input(csv, "skip"));

        result.ShouldBeOfType<ProblemActionResult>().Detail.ShouldContain(expected);
    }

    [Theory]
    [InlineData("""{"csv":"a","mode":"partial"}""", "mode")]
    [InlineData("""{"mode":"skip"}""", "csv")]
    [InlineData("""{"csv":"a","file":{"fileName":"x.csv","data":"YQ=="}}""", "input")]
    [InlineData("""{"file":{"fileName":"x.csv","data":""}}""", "file")]
    [InlineData("""{"file":{"fileName":"x.csv","data":"%%%"}}""", "file")]
    public async Task Import_BadInput_BadRequestNamingIt(string input, string field)
    {
        var result = await _bed.InvokeAsync("import-csv", inputJson: input);

        var problem = result.ShouldBeOfType<ProblemActionResult>();
        problem.Status.ShouldBe(400);
        problem.Errors.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public async Task Import_InvalidBooleanAndEmail_ColumnsNamed()
    {
        var csv = "firstName,lastName,email,extension,doNotDisturb\nBob,Miller,not-mail,11,maybe";

        var result = await _bed.InvokeAsync("import-csv", inputJson: Input(csv, "fail"));

        result.ShouldBeOfType<ProblemActionResult>().Errors.Select(e => e.Field)
            .ShouldBe(["rows[2].email", "rows[2].doNotDisturb"], ignoreOrder: true);
    }
}
