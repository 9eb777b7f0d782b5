using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Hosting;
using ConnectorHost.Sdk.Model;

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

    [Theory]
    [InlineData("username", "Bob.Agent")]
    [InlineData("extension", "301")]
    [InlineData("number", "42")]
    [InlineData("fraction", null)]
    [InlineData("active", null)]
    [InlineData("none", null)]
    [InlineData("list", null)]
    [InlineData("secret", null)]
    [InlineData("missing", null)]
    public void TextOf_StoredValue_IsWhatALookupCompares(string field, string? expected) =>
        SettingLookup.TextOf(Stored, field).ShouldBe(expected);

    // A test directory written before SDK 2.4 gets ListSettingValuesAsync from the interface, with the lookup's rule.
    [Fact]
    public async Task ListSettingValuesAsync_DirectoryWithoutItsOwn_ListsEachUsersValueAsTextOfReadsIt()
    {
        IDirectoryReader directory = new ListOnlyDirectory(
            Holder("ann", new JsonObject { ["number"] = "1000" }),
            Holder("bob", new JsonObject { ["number"] = 1001L }),
            Holder("cy", new JsonObject { ["number"] = true }),
            Holder("dee", new JsonObject()));

        var values = await directory.ListSettingValuesAsync("number", CancellationToken.None);

        values.Select(v => v.Value).Order(StringComparer.Ordinal).ShouldBe(["1000", "1001"]);
        values.Select(v => v.UserId).ShouldBe([ListOnlyDirectory.IdOf("ann"), ListOnlyDirectory.IdOf("bob")], ignoreOrder: true);
    }

    // The same rule as the core's unique index: trimmed, NFC, case-insensitive; malformed text matches nobody.
    [Theory]
    [InlineData(" JOSÉ ", "josé")]
    [InlineData("jose\u0301", "josé")]
    [InlineData("ann", "ann")]
    [InlineData("\ud800ann", null)]
    [InlineData("anne", null)]
    public async Task FindUserByUsernameAsync_DirectoryWithoutItsOwn_ComparesLikeTheCore(string typed, string? expected)
    {
        IDirectoryReader directory = new ListOnlyDirectory(Holder("josé", []), Holder("ann", []));

        var found = await directory.FindUserByUsernameAsync(typed, CancellationToken.None);

        found?.User.Username.ShouldBe(expected);
        (found is null).ShouldBe(expected is null);
    }

    private static UserContext Holder(string username, JsonObject settings) =>
        new(new UserSnapshot(ListOnlyDirectory.IdOf(username), username, username, "User", username, null, [], null, null, null, true, new Dictionary<string, string>(), 1), settings, [], []);

    /// <summary>Implements only what every SDK version requires.</summary>
    private sealed class ListOnlyDirectory(params UserContext[] users) : IDirectoryReader
    {
        public static Guid IdOf(string username) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(username)));

        public Task<UserContext?> GetUserAsync(Guid userId, CancellationToken cancellationToken) => Task.FromResult(users.FirstOrDefault(u => u.User.Id == userId));

        public Task<GroupContext?> GetGroupAsync(Guid groupId, CancellationToken cancellationToken) => Task.FromResult<GroupContext?>(null);

        public Task<IReadOnlyList<UserContext>> ListUsersWithSettingsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<UserContext>>(users);
    }
}
