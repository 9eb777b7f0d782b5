using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Requests;

namespace Contoso.Connector.Tests;

/// <summary>The vendor-record action: what an admin gets back before and after the first push.</summary>
public sealed class ActionTests
{
    [Fact]
    public async Task VendorRecord_AfterPush_ShowsTheVendorsRecord()
    {
        await using var bed = await ContosoConnectorTestBed.StartAsync();
        var ann = await bed.AddUserAsync("ann", "21");
        var pushed = await bed.PushAsync(ann.Id);

        var result = await bed.Harness.Send(new InvokeAction("vendor-record", bed.Harness.Directory.ContextOf(ann.Id), null, new JsonObject()) { VendorId = pushed.VendorId });

        var body = result.ShouldBeOfType<JsonActionResult>().Body.AsObject();
        body["extension"]!.GetValue<string>().ShouldBe("21");
        body["id"]!.GetValue<string>().ShouldBe(pushed.VendorId);
    }

    [Fact]
    public async Task VendorRecord_NeverPushed_Conflict409()
    {
        await using var bed = await ContosoConnectorTestBed.StartAsync();
        var ann = await bed.AddUserAsync("ann", "21");

        var result = await bed.Harness.Send(new InvokeAction("vendor-record", bed.Harness.Directory.ContextOf(ann.Id), null, new JsonObject()));

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(409);
        bed.Vendor.Calls.ShouldBeEmpty();
    }
}
