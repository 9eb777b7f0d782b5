using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

public sealed class PasswordRulesTests
{
    [Fact]
    public void MissingForStrong_LowerCaseOnly_NamesTheOtherThreeClasses()
    {
        PasswordRules.MissingForStrong("password").ShouldBe(["an upper-case letter", "a digit", "a special character"]);
    }

    [Fact]
    public void MissingForStrong_AllClasses_Empty()
    {
        PasswordRules.MissingForStrong("Secr3t!pw").ShouldBeEmpty();
    }

    [Fact]
    public void Generate_ManyTimes_EveryPasswordMeetsTheStrongPolicyAndDiffers()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => PasswordRules.Generate(12)).ToList();

        passwords.ShouldAllBe(p => p.Length == 12 && PasswordRules.MissingForStrong(p).Count == 0);
        passwords.Distinct().Count().ShouldBe(200);
    }

    [Fact]
    public void Generate_ShorterThanEight_Refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PasswordRules.Generate(7));
    }
}
