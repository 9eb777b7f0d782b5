using ConnectorHost.Sdk.Requests;
using HostedPbx.Provisioning;

namespace HostedPbx.Tests;

public sealed class DeleteUserTests : IAsyncLifetime
{
    private PbxTestBed _bed = null!;

    public Task InitializeAsync()
    {
        _bed = PbxTestBed.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task DeleteUser_ForwardingRulesPointingAtIt_Reported()
    {
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10");
        var bob = await _bed.AddMemberAsync("Bob", "Miller", "11", """{"forwardingEnabled":true,"forwardingDestinations":["+4989123456","10"]}""");
        var carl = await _bed.AddMemberAsync("Carl", "Fox", "12", """{"forwardingEnabled":false,"forwardingDestinations":["10"],"ringStrategy":"sequential"}""");
        await _bed.AddMemberAsync("Dana", "Hill", "13", """{"forwardingEnabled":true,"forwardingDestinations":["11"]}""");

        var body = await _bed.InvokeJsonAsync("delete-user", ann.Id);

        body["deletedUserId"]!.GetValue<string>().ShouldBe(ann.Id.ToString());
        body["freedExtension"]!.GetValue<string>().ShouldBe("10");
        var rules = body["forwardingRulesPointingHere"]!.AsArray();
        rules.Select(r => r!["userId"]!.GetValue<string>()).ShouldBe([bob.Id.ToString(), carl.Id.ToString()]);
        rules[0]!["positions"]!.AsArray().Select(p => p!.GetValue<int>()).ShouldBe([2]);
        rules[0]!["forwardingEnabled"]!.GetValue<bool>().ShouldBeTrue();
        rules[1]!["forwardingEnabled"]!.GetValue<bool>().ShouldBeFalse();
        _bed.Directory.Users.ShouldNotContain(u => u.Id == ann.Id);
    }

    [Fact]
    public async Task DeleteUser_ExtensionFreed_AnotherUserCanTakeIt()
    {
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10");
        var eve = _bed.Directory.AddUser("eve", "Eve", "Stone").Id;
        (await _bed.PutSettingsAsync(eve, """{"extension":"10"}""")).Errors.ShouldNotBeEmpty();

        await _bed.InvokeJsonAsync("delete-user", ann.Id);

        (await _bed.PutSettingsAsync(eve, """{"extension":"10"}""")).Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteUser_ProvisioningTokensRevoked()
    {
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10");
        await _bed.InvokeAsync("qr-code", ann.Id);
        var context = _bed.Directory.ContextOf(ann.Id);

        await _bed.Harness.Send(new InvokeAction("delete-user", context, null, []));

        (await _bed.Harness.Store.ListAsync(ProvisioningTokens.Collection, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteUser_NobodyForwardsThere_EmptyReport()
    {
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10");

        var body = await _bed.InvokeJsonAsync("delete-user", ann.Id);

        body["forwardingRulesPointingHere"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteUser_AlreadyGone_NotFound()
    {
        var ann = await _bed.AddMemberAsync("Ann", "Lee", "10");
        var context = _bed.Directory.ContextOf(ann.Id);
        await _bed.Directory.DeleteUserAsync(ann.Id, CancellationToken.None);

        var result = await _bed.Harness.Send(new InvokeAction("delete-user", context, null, []));

        result.ShouldBeOfType<ProblemActionResult>().Status.ShouldBe(404);
    }
}
