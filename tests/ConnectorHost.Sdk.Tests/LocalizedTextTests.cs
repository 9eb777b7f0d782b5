using System.Text.Json;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

/// <summary>Labels as a language map with English fallback.</summary>
public sealed class LocalizedTextTests
{
    private static readonly LocalizedText Label = new LocalizedText("Extension").With("de", "Durchwahl").With("pt-BR", "Ramal");

    [Theory]
    [InlineData("de", "Durchwahl")]
    [InlineData("DE", "Durchwahl")]
    [InlineData("de-AT", "Durchwahl")]
    [InlineData("pt-BR", "Ramal")]
    [InlineData("pt", "Extension")]
    [InlineData("fr", "Extension")]
    [InlineData("en-GB", "Extension")]
    [InlineData(null, "Extension")]
    public void For_Language_ExactThenPrimaryThenEnglish(string? language, string expected) =>
        Label.For(language).ShouldBe(expected);

    [Fact]
    public void Equals_SameTranslationsInOtherOrder_Equal()
    {
        var other = new LocalizedText("Extension").With("pt-BR", "Ramal").With("de", "Durchwahl");

        other.ShouldBe(Label);
        other.ShouldNotBe(new LocalizedText("Extension").With("de", "Nebenstelle"));
    }

    [Fact]
    public void Serialize_Web_EnglishAndTranslationMap()
    {
        var json = JsonSerializer.Serialize(Label, JsonSerializerOptions.Web);

        json.ShouldBe("""{"en":"Extension","translations":{"de":"Durchwahl","pt-BR":"Ramal"}}""");
    }
}
