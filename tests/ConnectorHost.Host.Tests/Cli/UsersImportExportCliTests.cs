namespace ConnectorHost.Host.Tests.Cli;

/// <summary>`users import` and `users export` as a separate process: exit codes, summary, row report next to the file.</summary>
public sealed class UsersImportExportCliTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ch-cli-import-" + Guid.NewGuid().ToString("N")[..12]);

    public UsersImportExportCliTests() => Directory.CreateDirectory(_directory);

    private string[] Options => ["--database", $"Data Source={Path.Combine(_directory, "cli.db")}", "--plugins", Plugins()];

    private string Plugins()
    {
        var file = Path.Combine(_directory, "plugins.json");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, """{ "plugins": [] }""");
        }
        return file;
    }

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task UsersImport_BadRowInFailMode_ExitsNonZeroWritesNothingAndPutsTheReportNextToTheFile()
    {
        var file = WriteFile("people.csv", "username,firstName,lastName,email\r\nann,Ann,A,ann@example.com\r\nbob,Bob,B,not-an-email\r\n");

        var run = await HostProcess.RunAsync(_directory, ["users", "import", file, "--mode", "fail", .. Options]);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Flattened.ShouldContain("nothing was imported");
        var report = await File.ReadAllTextAsync(Path.Combine(_directory, "people.errors.csv"));
        report.ShouldContain("3,bob,email,");
        LeftInImportsFolder().ShouldBeEmpty("the ended job's lock file goes with its lock");
        var list = await HostProcess.RunAsync(_directory, ["users", "list", .. Options]);
        list.Flattened.ShouldContain("0 of 0 user(s)");
    }

    [Fact]
    public async Task UsersImportThenExport_SkipMode_ExitsZeroAndExportImportsBackUnchanged()
    {
        var file = WriteFile("people.csv", "username;firstName;lastName\r\nann;Ann;A\r\nbob;Bob;B\r\n");

        var import = await HostProcess.RunAsync(_directory, ["users", "import", file, "--mode", "skip", .. Options]);
        var export = await HostProcess.RunAsync(_directory, ["users", "export", "--output", Path.Combine(_directory, "out.csv"), .. Options]);
        var again = await HostProcess.RunAsync(_directory, ["users", "import", Path.Combine(_directory, "out.csv"), "--mode", "overwrite", .. Options]);

        import.ExitCode.ShouldBe(0, import.ToString());
        var summary = ConsoleTable.Read(import.Output).Single();
        (summary["State"], summary["Created"]).ShouldBe(("succeeded", "2"));
        export.ExitCode.ShouldBe(0, export.ToString());
        (await File.ReadAllTextAsync(Path.Combine(_directory, "out.csv"))).ShouldStartWith("username,firstName,lastName");
        again.ExitCode.ShouldBe(0, again.ToString());
        ConsoleTable.Read(again.Output).Single()["Unchanged"].ShouldBe("2");
    }

    [Fact]
    public async Task UsersImport_UnknownFormat_ExitsNonZeroWithReadableMessage()
    {
        var file = WriteFile("people.csv", "username\r\nann\r\n");

        var run = await HostProcess.RunAsync(_directory, ["users", "import", file, "--format", "nope", .. Options]);

        run.ExitCode.ShouldBe(1);
        run.Flattened.ShouldContain("Unknown format 'nope'");
        LeftInImportsFolder().ShouldBeEmpty("a refused import leaves no lock file behind");
    }

    private string[] LeftInImportsFolder()
    {
        var folder = Path.Combine(_directory, "imports");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().ToArray() : [];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Temp garbage only.
        }
    }
}
