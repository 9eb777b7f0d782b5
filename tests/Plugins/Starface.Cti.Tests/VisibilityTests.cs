using System.Text.Json.Nodes;

namespace Starface.Cti.Tests;

public sealed class VisibilityTests
{
    private static async Task<IReadOnlyList<string>> VisibleTo(CtiTestBed bed, Guid userId)
    {
        var result = await bed.InvokeJsonAsync("visible-users", userId: userId);
        return result["visibleUsers"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()).ToList();
    }

    private static async Task<CtiTestBed> TwoGroupsAsync()
    {
        var bed = await CtiTestBed.StartAsync();
        await bed.CreateGroupAsync("SALES", "Sales");
        await bed.CreateGroupAsync("SUPPORT", "Support");
        await bed.AddCtiUserAsync("anna", "201", "SALES");
        await bed.AddCtiUserAsync("ben", "202", "SALES");
        await bed.AddCtiUserAsync("carl", "301", "SUPPORT");
        await bed.AddCtiUserAsync("dora", "401");
        var eve = bed.AddUser("eve");
        await bed.SetUpUserAsync(eve.Id, new JsonObject { ["ctiActive"] = false, ["extension"] = "203", ["ctiGroup"] = "SALES" });
        return bed;
    }

    [Fact]
    public async Task VisibleUsers_GroupedUser_SeesOnlyCtiActiveUsersOfSameGroup()
    {
        await using var bed = await TwoGroupsAsync();
        var anna = bed.Directory.Users.Single(u => u.Username == "anna");

        var visible = await VisibleTo(bed, anna.Id);

        visible.ShouldBe(["ben"]);
    }

    [Fact]
    public async Task VisibleUsers_UngroupedUser_SeesEveryOtherCtiActiveUser()
    {
        await using var bed = await TwoGroupsAsync();
        var dora = bed.Directory.Users.Single(u => u.Username == "dora");

        var visible = await VisibleTo(bed, dora.Id);

        visible.ShouldBe(["anna", "ben", "carl"]);
    }

    [Fact]
    public async Task VisibleUsers_InactiveUser_SeesNobody()
    {
        await using var bed = await TwoGroupsAsync();
        var eve = bed.Directory.Users.Single(u => u.Username == "eve");

        var result = await bed.InvokeJsonAsync("visible-users", userId: eve.Id);

        result["visibleUsers"]!.AsArray().ShouldBeEmpty();
        result["user"]!["ctiActive"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task VisibleUsers_UserWhoNeverSavedCtiSettings_IsDescribedInactiveAndSeesNobody()
    {
        await using var bed = await TwoGroupsAsync();
        var fred = bed.AddUser("fred");

        var result = await bed.InvokeJsonAsync("visible-users", userId: fred.Id);

        result.ToJsonString().ShouldBe(
            $$"""{"user":{"id":"{{fred.Id:D}}","username":"fred","displayName":"Fred Tester","ctiActive":false,"extension":null,"ctiGroup":null},"ctiGroupSource":"none","visibleUsers":[]}""");
    }

    [Fact]
    public async Task VisibleUsers_GroupFromCoreGroupMapping_AppliesToMembersWithoutOwnGroup()
    {
        await using var bed = await TwoGroupsAsync();
        var frank = await bed.AddCtiUserAsync("frank", "302");
        bed.Directory.AddGroup("support-team", "Support team", new JsonObject { ["ctiGroup"] = "SUPPORT" }, frank.Id);
        var carl = bed.Directory.Users.Single(u => u.Username == "carl");

        (await VisibleTo(bed, frank.Id)).ShouldBe(["carl"]);
        (await VisibleTo(bed, carl.Id)).ShouldBe(["frank"]);
        var result = await bed.InvokeJsonAsync("visible-users", userId: frank.Id);
        result["ctiGroupSource"]!.GetValue<string>().ShouldBe("core-group");
    }

    [Fact]
    public async Task VisibleUsers_NoTargetUser_Returns400()
    {
        await using var bed = await CtiTestBed.StartAsync();

        var problem = await bed.InvokeProblemAsync("visible-users");

        problem.Status.ShouldBe(400);
    }
}
