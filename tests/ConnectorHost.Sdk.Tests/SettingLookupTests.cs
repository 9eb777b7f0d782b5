using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Hosting;

namespace ConnectorHost.Sdk.Tests;

/// <summary>
/// The comparison behind <see cref="IDirectoryReader.FindUsersBySettingAsync"/>: what a connector's "is it taken" check
/// counts as the same value. The host's index (SQLite NOCASE) must agree with it.
/// </summary>
public sealed class SettingLookupTests
{
    private static readonly JsonObject Stored = JsonNode.Parse("""
        {
          "username": "Bob.Agent", "extension": "301", "number": 42, "fraction": 4.5, "active": true, "none": null,
          "list": ["301"], "secret": { "$protected": "CfDJ8", "$setAt": "2026-11-30T17:00:00Z" }, "umlaut": "Jörg"
        }
        """)!.AsObject();

    [Theory]
    [InlineData("username", "Bob.Agent", SettingMatch.Exact, true)]
    [InlineData("username", "bob.agent", SettingMatch.Exact, false)]
    [InlineData("username", "bob.agent", SettingMatch.IgnoreAsciiCase, true)]
    [InlineData("username", "BOB.AGENT", SettingMatch.IgnoreAsciiCase, true)]
    [InlineData("username", "Bob.Agen", SettingMatch.IgnoreAsciiCase, false)]
    [InlineData("umlaut", "JÖRG", SettingMatch.IgnoreAsciiCase, false)]
    [InlineData("umlaut", "jörg", SettingMatch.IgnoreAsciiCase, true)]
    [InlineData("extension", "301", SettingMatch.Exact, true)]
    [InlineData("extension", " 301", SettingMatch.Exact, false)]
    [InlineData("number", "42", SettingMatch.Exact, true)]
    [InlineData("number", "042", SettingMatch.Exact, false)]
    [InlineData("fraction", "4.5", SettingMatch.Exact, false)]
    [InlineData("active", "true", SettingMatch.Exact, false)]
    [InlineData("none", "", SettingMatch.Exact, false)]
    [InlineData("list", "301", SettingMatch.Exact, false)]
    [InlineData("secret", "CfDJ8", SettingMatch.Exact, false)]
    [InlineData("missing", "301", SettingMatch.Exact, false)]
    public void Matches_StoredValue_AnswersLikeTheHostsIndex(string field, string value, SettingMatch match, bool expected) =>
        SettingLookup.Matches(Stored, field, value, match).ShouldBe(expected);

    [Fact]
    public void Matches_IntegerBuiltInCode_MatchesLikeAParsedOne() =>
        SettingLookup.Matches(new JsonObject { ["number"] = 42L }, "number", "42", SettingMatch.Exact).ShouldBeTrue();

    [Fact]
    public void Matches_AsciiLetterAgainstSymbolOfTheSameLowBits_DoesNotMatch() =>
        // '@' is 0x40 and '`' 0x60: folding by bit alone would call them equal; only letters fold.
        SettingLookup.Matches(new JsonObject { ["username"] = "a@b" }, "username", "a`b", SettingMatch.IgnoreAsciiCase).ShouldBeFalse();
}
