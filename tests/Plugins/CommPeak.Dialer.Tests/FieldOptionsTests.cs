using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Gateway;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace CommPeak.Dialer.Tests;

/// <summary>Roles, skill groups, tags and desks are CommPeak's own lists, offered with CommPeak's ids and names.</summary>
public sealed class FieldOptionsTests
{
    [Theory]
    [InlineData("roles", "1=Agent,2=Supervisor")]
    [InlineData("skillGroups", "10=Sales,11=Support")]
    [InlineData("tags", "20=VIP")]
    [InlineData("desks", "30=Berlin")]
    public async Task ListFieldOptions_VendorList_CommPeakIdsWithNames(string field, string expected)
    {
        await using var bed = await CommPeakTestBed.StartAsync();

        var list = await bed.Harness.Send(new ListFieldOptions(field));

        string.Join(",", list.Items.Select(i => $"{i.Value}={i.Label.En}")).ShouldBe(expected);
    }

    [Fact]
    public async Task Put_RoleDeletedAtCommPeak_RefusedWithReadableErrorNamingTheRole()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann", """{"roles":["2"]}""");
        bed.CommPeak.Roles.TryRemove("2", out _);

        var outcome = await bed.PutAsync(ann.Id, """{"roles":["2"],"autoDial":true}""");

        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("roles");
        error.Code.ShouldBe(FieldErrorCodes.NotAllowed);
        error.Message.ShouldBe("Roles: '2' is not offered by the connector (any more; it may have been deleted at the vendor). Offered now: 1 (Agent).");
    }

    [Fact]
    public async Task Project_StoredRoleDeletedAtCommPeak_PreviewWarnsItIsStale()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = await bed.AddAgentAsync("ann", """{"roles":["1","2"]}""");
        bed.CommPeak.Roles.TryRemove("2", out _);
        await bed.Harness.Send(new ListFieldOptions("roles"));

        var projection = await bed.ProjectAsync(ann.Id);

        projection.Warnings.ShouldContain("Role 2 is no longer offered by CommPeak (deleted there?); CommPeak will refuse it. Pick another in 'roles' or in the mapped core role/group.");
        projection.Warnings.ShouldNotContain(w => w.StartsWith("Role 1 "));
    }

    [Fact]
    public async Task Project_RoleOnlyFromCoreRoleDeletedAtCommPeak_PreviewWarnsItIsStale()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        var ann = bed.AddUser("ann");
        bed.Directory.SetUserSettings(ann.Id, new JsonObject());
        bed.Directory.AddRole("dialer", new JsonObject { ["roles"] = new JsonArray("2") }, ann.Id);
        bed.CommPeak.Roles.TryRemove("2", out _);
        await bed.Harness.Send(new ListFieldOptions("roles"));

        var projection = await bed.ProjectAsync(ann.Id);

        projection.Warnings.ShouldContain("Role 2 is no longer offered by CommPeak (deleted there?); CommPeak will refuse it. Pick another in 'roles' or in the mapped core role/group.");
    }

    [Fact]
    public async Task ListFieldOptions_CommPeakDown_UnavailableSoTheHostKeepsTheLastList()
    {
        await using var bed = await CommPeakTestBed.StartAsync();
        bed.CommPeak.Fail(503);

        await Should.ThrowAsync<VendorUnavailableException>(() => bed.Harness.Send(new ListFieldOptions("roles")));
    }
}
