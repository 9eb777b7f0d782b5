using System.Text.Json.Nodes;
using ConnectorHost.Sdk.Actions;
using ConnectorHost.Sdk.Requests;
using ConnectorHost.Sdk.Schema;

namespace ConnectorHost.Sdk.Tests;

/// <summary>One router for every connector: by name, target checked, input checked against the declared fields, typed.</summary>
public sealed class ActionRouterTests
{
    private static readonly ActionRouter Router = new([new GreetAction(), new PingAction()]);

    private static Task<ActionResult> Call(string action, string input) =>
        Router.RouteAsync(new InvokeAction(action, null, null, JsonNode.Parse(input)!.AsObject()), CancellationToken.None);

    [Fact]
    public async Task RouteAsync_ValidInput_ActionGetsTypedTrimmedInputWithDefaults()
    {
        var result = await Call("greet", """{"name":"  Ann  "}""");

        result.ShouldBeOfType<JsonActionResult>().Body.ToJsonString().ShouldBe("""{"text":"Hello Ann x1"}""");
    }

    [Fact]
    public async Task RouteAsync_MissingRequiredField_400NamingTheField()
    {
        var problem = (await Call("greet", """{"times":2}""")).ShouldBeOfType<ProblemActionResult>();

        problem.Status.ShouldBe(400);
        problem.Errors.Select(e => e.Field).ShouldBe(["name"]);
        problem.Errors[0].Message.ShouldBe("Name is required.");
    }

    [Fact]
    public async Task RouteAsync_UnknownAndMistypedFields_400NamingEach()
    {
        var problem = (await Call("greet", """{"name":"Ann","times":"many","nmae":"x"}""")).ShouldBeOfType<ProblemActionResult>();

        problem.Errors.Select(e => e.Field).Order().ShouldBe(["nmae", "times"]);
    }

    [Fact]
    public async Task RouteAsync_UnknownAction_404ListingTheActions()
    {
        var problem = (await Call("gret", "{}")).ShouldBeOfType<ProblemActionResult>();

        problem.Status.ShouldBe(404);
        problem.Detail.ShouldContain("Actions: greet, ping.");
    }

    [Fact]
    public async Task RouteAsync_UserActionWithoutUser_400NamingUserId()
    {
        var problem = (await Call("ping", "{}")).ShouldBeOfType<ProblemActionResult>();

        problem.Status.ShouldBe(400);
        problem.Errors.Single().Field.ShouldBe("userId");
    }

    [Fact]
    public void Descriptors_SeveralActions_OrderedByNameWithTheirInput()
    {
        Router.Descriptors.Select(d => d.Name).ShouldBe(["greet", "ping"]);
        Router.Descriptors[0].Input.Select(f => f.Key).ShouldBe(["name", "times"]);
    }

    [Fact]
    public void ShowOnceJson_ToString_DoesNotPrintTheBody()
    {
        var result = ActionResult.ShowOnceJson(new JsonObject { ["apiKey"] = "k-123456" });

        result.ToString().ShouldNotContain("k-123456");
        result.ShouldBeOfType<JsonActionResult>().ShowOnce.ShouldBeTrue();
    }

    private sealed class GreetAction : ConnectorAction<GreetAction.Input>
    {
        public override ActionDescriptor Descriptor { get; } = new("greet", "Greet", ActionTarget.Connector, "Greets {name}.")
        {
            Input =
            [
                new FieldSchema("name", "Name", FieldType.String) { Required = true, MaxLength = 20 },
                new FieldSchema("times", "Times", FieldType.Int) { Min = 1, Max = 3, Default = 1 },
            ],
        };

        protected override Task<ActionResult> RunAsync(InvokeAction request, Input input, CancellationToken cancellationToken) =>
            Task.FromResult(ActionResult.Json(new JsonObject { ["text"] = $"Hello {input.Name} x{input.Times}" }));

        internal sealed record Input(string Name, int Times);
    }

    private sealed class PingAction : ConnectorAction<NoInput>
    {
        public override ActionDescriptor Descriptor { get; } = new("ping", "Ping", ActionTarget.User, "Pings the user's phone.") { VendorOnly = true };

        protected override Task<ActionResult> RunAsync(InvokeAction request, NoInput input, CancellationToken cancellationToken) =>
            Task.FromResult(ActionResult.Json(new JsonObject()));
    }
}
