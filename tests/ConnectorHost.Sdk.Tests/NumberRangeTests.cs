using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

public sealed class NumberRangeTests
{
    [Fact]
    public void FirstFree_LowNumbersTaken_LowestGap()
    {
        new NumberRange(100, 105).FirstFree(["100", "0101", "103", null, "x"]).ShouldBe("102");
    }

    [Fact]
    public void FirstFree_AllTaken_Null()
    {
        new NumberRange(7, 8).FirstFree(["7", "8"]).ShouldBeNull();
    }

    [Theory]
    [InlineData("100", true)]
    [InlineData("110", true)]
    [InlineData("111", false)]
    [InlineData("99", false)]
    [InlineData("1a", false)]
    public void Contains_Text_InsideBoundsOnly(string text, bool expected)
    {
        new NumberRange(100, 110).Contains(text).ShouldBe(expected);
    }
}
