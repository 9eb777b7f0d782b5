using System.Text.RegularExpressions;
using MediatR;
using NetArchTest.Rules;

namespace ConnectorHost.Architecture.Tests;

/// <summary>
/// The core is organised one folder per use case (<c>Users/CreateUser/CreateUser.cs</c>): the request is the
/// public entry, its handler is an internal detail next to it. Handlers are found by scanning, so nothing needs
/// them public.
/// </summary>
public sealed partial class FeatureFolderTests
{
    [GeneratedRegex(@"^ConnectorHost\.Core\.[A-Z][A-Za-z0-9]*\.[A-Z][A-Za-z0-9]*$")]
    private static partial Regex UseCaseNamespace();

    private static readonly Type[] CoreTypes = Solution.Core.GetTypes();

    private static IEnumerable<Type> HandledRequests(Type handler) =>
        handler.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .Select(i => i.GenericTypeArguments[0]);

    private static List<Type> CoreRequestHandlers() =>
        CoreTypes.Where(t => t is { IsClass: true, IsAbstract: false } && HandledRequests(t).Any()).ToList();

    [Fact]
    public void CoreRequests_Kind_EachIsACommandOrAQuery()
    {
        // A reader can tell from the request alone whether it writes (one transaction) or only reads. The two
        // exceptions call a vendor and commit what they learn through a nested command, outside any transaction.
        string[] vendorOperations = ["PushUserNow", "Reconcile"];
        var requests = CoreTypes.Where(t => t is { IsPublic: true, IsInterface: false }
            && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))).ToList();

        requests.Select(t => t.Name).ShouldContain("GetUser");
        requests.Where(t => !Implements(t, typeof(Core.Pipeline.ICommand<>)) && !Implements(t, typeof(Core.Pipeline.IQuery<>)))
            .Select(t => t.Name).ShouldBe(vendorOperations, ignoreOrder: true);
    }

    private static bool Implements(Type type, Type generic) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);

    [Fact]
    public void CoreRequestHandlers_Selection_FindsTheUseCases()
    {
        // Guards the rules below against an empty selection.
        CoreRequestHandlers().Select(t => t.FullName).ShouldContain("ConnectorHost.Core.Users.CreateUser.CreateUserHandler");
    }

    [Fact]
    public void CoreHandlers_Visibility_NotPublic()
    {
        var handlers = Types.InAssembly(Solution.Core).That()
            .ImplementInterface(typeof(IRequestHandler<,>)).Or().ImplementInterface(typeof(INotificationHandler<>));

        handlers.GetTypes().Select(t => t.Name).ShouldContain("CreateUserHandler");
        var result = handlers.Should().NotBePublic().GetResult();

        result.IsSuccessful.ShouldBeTrue($"Handlers must be internal (sealed); public: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void CoreRequestHandlers_Namespace_AreaAndUseCaseFolder()
    {
        var misplaced = CoreRequestHandlers()
            .Where(t => t.Namespace is null || !UseCaseNamespace().IsMatch(t.Namespace))
            .Select(t => $"{t.FullName} (expected ConnectorHost.Core.<Area>.<UseCase>)")
            .ToList();

        misplaced.ShouldBeEmpty(string.Join("\n", misplaced));
    }

    [Fact]
    public void CoreRequestHandlers_Requests_DeclaredInTheHandlersUseCaseFolder()
    {
        // A handler serving a request from another folder means the use case is split across folders.
        var split = CoreRequestHandlers()
            .SelectMany(h => HandledRequests(h).Where(r => r.Namespace != h.Namespace).Select(r => $"{h.FullName} handles {r.FullName}"))
            .ToList();

        split.ShouldBeEmpty(string.Join("\n", split));
    }

    public static TheoryData<string> PluginProjects() => new(Solution.PluginProjects);

    [Theory]
    [MemberData(nameof(PluginProjects))]
    public void PluginHandlers_Visibility_NotPublic(string project)
    {
        // The host finds plugin handlers by scanning; public ones only widen what other code can bind to.
        var result = Solution.PluginTypes(project).That()
            .ImplementInterface(typeof(IRequestHandler<,>)).Or().ImplementInterface(typeof(INotificationHandler<>))
            .Should().NotBePublic().GetResult();

        result.IsSuccessful.ShouldBeTrue($"{project}: public handlers {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
