using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;

namespace HostedPbx.Tests;

/// <summary>A core role can stand for a PBX licence; the user's own licence type wins over it.</summary>
public sealed class RoleLicenseTests : IAsyncLifetime
{
    private PbxTestBed _bed = null!;

    public Task InitializeAsync()
    {
        _bed = PbxTestBed.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task ProjectUser_NoOwnLicenseRoleSaysAdmin_AdminLicense()
    {
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10");
        _bed.Directory.AddRole("pbx-admins", new JsonObject { ["licenseType"] = "Admin" }, ann.Id);

        (await LicenseOfAsync(ann.Id)).ShouldBe("admin");
    }

    [Fact]
    public async Task ProjectUser_OwnVoiceLicenseRoleSaysAdmin_UserValueWins()
    {
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10", """{"licenseType":"Voice"}""");
        _bed.Directory.AddRole("pbx-admins", new JsonObject { ["licenseType"] = "Admin" }, ann.Id);

        (await LicenseOfAsync(ann.Id)).ShouldBe("voice");
    }

    [Fact]
    public async Task ProjectUser_RolesSayVoiceAndAdmin_AdminWins()
    {
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10");
        _bed.Directory.AddRole("staff", new JsonObject { ["licenseType"] = "Voice" }, ann.Id);
        _bed.Directory.AddRole("pbx-admins", new JsonObject { ["licenseType"] = "Admin" }, ann.Id);

        (await LicenseOfAsync(ann.Id)).ShouldBe("admin");
    }

    [Fact]
    public async Task ProjectUser_NoOwnLicenseRoleWithoutSettings_Voice()
    {
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10");
        _bed.Directory.AddRole("staff", null, ann.Id);

        (await LicenseOfAsync(ann.Id)).ShouldBe("voice");
    }

    [Fact]
    public async Task DescribeConnector_RoleSchema_OffersLicenseTypeOnly()
    {
        var description = await _bed.Harness.Send(new DescribeConnector());

        description.Schema.Role.Select(f => f.Key).ShouldBe(["licenseType"]);
        description.Schema.Role[0].AllowedValues!.Select(v => v.Value).ShouldBe(["Voice", "Admin"]);
        description.Schema.User.Single(f => f.Key == "licenseType").Default.ShouldBeNull();
        description.Schema.User.Single(f => f.Key == "pbxAccountId").ReadOnlyAfterCreate.ShouldBeTrue();
    }

    private async Task<string> LicenseOfAsync(Guid userId)
    {
        var projection = await _bed.Harness.Send(new ProjectUser(_bed.Directory.ContextOf(userId)));
        return projection.Payload["licenseType"]!.GetValue<string>();
    }
}
