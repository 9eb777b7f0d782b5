using System.Text.RegularExpressions;

namespace ConnectorHost.Architecture.Tests;

/// <summary>
/// Every C# snippet in docs/writing-a-connector.md is an excerpt of code that compiles: the connector template (built
/// and tested by ConnectorHost.Template.Tests), a plugin, the SDK or a test. A guide that drifts from the code fails here.
/// </summary>
public sealed partial class GuideSnippetTests
{
    private static readonly string[] SourceFolders = ["templates", "plugins", "core", "tests"];

    public static TheoryData<int, string> Snippets()
    {
        var data = new TheoryData<int, string>();
        var text = File.ReadAllText(Path.Combine(Solution.Root, "docs", "writing-a-connector.md"));
        var number = 0;
        foreach (Match match in CSharpBlock().Matches(text))
        {
            data.Add(++number, match.Groups[1].Value);
        }
        return data;
    }

    [Fact]
    public void Guide_Snippets_Found()
    {
        Snippets().Count.ShouldBeGreaterThan(5);
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_InGuide_IsAnExcerptOfCompiledSource(int number, string snippet)
    {
        var wanted = Lines(snippet);

        var found = Sources.Value.Any(source => Contains(source, wanted));

        found.ShouldBeTrue($"Snippet {number} of docs/writing-a-connector.md is in no compiled source file:\n{snippet}");
    }

    private static readonly Lazy<List<string[]>> Sources = new(() => [.. SourceFolders
        .SelectMany(folder => Directory.GetFiles(Path.Combine(Solution.Root, folder), "*.cs", SearchOption.AllDirectories))
        .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Select(file => Lines(File.ReadAllText(file)))]);

    // Indentation and blank lines differ between an excerpt and its file; the code lines must match in order.
    private static string[] Lines(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static bool Contains(string[] source, string[] wanted)
    {
        for (var start = 0; start + wanted.Length <= source.Length; start++)
        {
            if (source.AsSpan(start, wanted.Length).SequenceEqual(wanted))
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"^ *```csharp\n(.*?)^ *```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();
}
