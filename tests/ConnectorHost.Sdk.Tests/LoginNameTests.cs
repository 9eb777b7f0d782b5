using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

public sealed class LoginNameTests
{
    [Theory]
    [InlineData("Müller", "mueller")]
    [InlineData("Jürgen", "juergen")]
    [InlineData("Öztürk", "oeztuerk")]
    [InlineData("Groß", "gross")]
    [InlineData("José", "jose")]
    [InlineData("Ångström-Çelik", "angstroemcelik")]
    [InlineData("O'Neil 2", "oneil2")]
    public void Transliterate_Name_LowerCaseAsciiWithUmlautsWrittenOut(string name, string expected)
    {
        LoginName.Transliterate(name).ShouldBe(expected);
    }

    [Fact]
    public void Suggest_FirstAndLastName_JoinedWithDot()
    {
        LoginName.Suggest("Jürgen", "Groß", "jg").ShouldBe("juergen.gross");
    }

    [Fact]
    public void Suggest_NoNames_FallbackTransliteratedKeepingSeparator()
    {
        LoginName.Suggest("", " ", "Ann.Lee").ShouldBe("ann.lee");
    }
}
