using NetArchTest.Rules;

namespace ConnectorHost.Architecture.Tests;

public sealed class LayerDependencyTests
{
    public static TheoryData<string> PluginProjects() => new(Solution.PluginProjects);

    [Fact]
    public void PluginProjects_Repository_VendorConnectorsAndTestPluginsFound()
    {
        // Guards the theories below against silently running over nothing: every connector plugins.json loads is
        // checked (read from the file, so a new connector needs no edit here), and the test plugins too.
        var listed = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Solution.Root, "plugins.json")))!["plugins"]!.AsArray()
            .Select(e => Path.GetFileNameWithoutExtension(e!["path"]!.GetValue<string>()))
            .ToList();
        listed.ShouldNotBeEmpty();
        listed.ShouldAllBe(project => Solution.PluginProjects.Contains(project));
        Solution.PluginProjects.ShouldContain("TestPlugins.Sample");
        Solution.PluginProjects.ShouldContain("TestPlugins.FutureSdk");
    }

    [Theory]
    [MemberData(nameof(PluginProjects))]
    public void Plugin_Dependencies_NoCoreHostEfAspNetAutofacOrPluginLoader(string project)
    {
        var violations = DependencyRules.Violations(Solution.PluginAssemblyPath(project), DependencyRules.ForbiddenForPlugins);

        violations.ShouldBeEmpty($"{project} may use only the SDK of the host side; offending types:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public void Core_Dependencies_NoHostAspNetAutofacOrPluginLoader()
    {
        var violations = DependencyRules.Violations(Solution.Core.Location, DependencyRules.ForbiddenForCore);

        violations.ShouldBeEmpty($"ConnectorHost.Core offending types:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public void Sdk_Dependencies_NoCoreHostEfAspNetAutofacOrPluginLoader()
    {
        var violations = DependencyRules.Violations(Solution.Sdk.Location, DependencyRules.ForbiddenForSdk);

        violations.ShouldBeEmpty($"ConnectorHost.Sdk offending types:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public void Sdk_ReferencedAssemblies_OnlyRuntimeAndWhatTheHostSharesWithPlugins()
    {
        // The host shares MediatR and the Microsoft.Extensions abstractions with plugins (and keeps them out of
        // plugin folders); anything else the SDK referenced would have to be shared too, or plugins break.
        string[] shared = ["MediatR", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions"];

        var others = Solution.Sdk.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n is not ("netstandard" or "mscorlib") && !n.StartsWith("System", StringComparison.Ordinal) && !shared.Contains(n))
            .ToList();

        others.ShouldBeEmpty();
    }

    [Fact]
    public void HostNames_HostAssembly_CoverEveryHostFolder()
    {
        Solution.HostNames.ShouldContain("ConnectorHost.Api");
        Solution.HostNames.ShouldContain("ConnectorHost.Plugins");
        Solution.HostNames.ShouldContain("ConnectorHost.Cli");
        Solution.HostNames.ShouldContain("ConnectorHost.HostApp");
        // "ConnectorHost" alone would match the SDK and the core as well.
        Solution.HostNames.ShouldNotContain("ConnectorHost");
        Solution.HostNames.ShouldAllBe(n => !n.StartsWith("ConnectorHost.Sdk") && !n.StartsWith("ConnectorHost.Core"));
    }

    [Theory]
    [InlineData(DependencyRules.Core)]
    [InlineData(DependencyRules.AspNetCore)]
    [InlineData(DependencyRules.Autofac)]
    [InlineData(DependencyRules.McMasterPlugins)]
    [InlineData("ConnectorHost.Plugins")]
    [InlineData("ConnectorHost.HostApp")]
    public void ForbiddenName_HostAssembly_MatchesRealDependencies(string name)
    {
        // The host legitimately uses all of these: a misspelt name here would make the rules above pass vacuously.
        // (Entity Framework is proven the same way on the core, below: the host no longer touches it directly.)
        DependencyRules.TypesDependingOn(Types.FromFile(Solution.HostAssemblyPath), name).ShouldNotBeEmpty();
    }

    [Fact]
    public void Violations_CoreCheckedAgainstEntityFramework_ReportsTypeAndDependency()
    {
        // The core does use EF Core; checking it against a list holding EF must report it, type by type.
        var violations = DependencyRules.Violations(Solution.Core.Location, [DependencyRules.EntityFramework]);

        violations.ShouldContain("ConnectorHost.Core.Persistence.HostDbContext → Microsoft.EntityFrameworkCore");
    }

    [Fact]
    public void Violations_DependencyUsedOnlyInsideAsyncLambda_Reported()
    {
        // Registration code is full of lambdas; a forbidden type used only in one must not slip through.
        var violations = DependencyRules.Violations(typeof(AsyncLambdaSample).Assembly.Location, [DependencyRules.Autofac]);

        violations.ShouldContain(v => v.EndsWith("references Autofac.ContainerBuilder", StringComparison.Ordinal));
    }
}

/// <summary>Uses Autofac only inside an async lambda, which NetArchTest 1.3.2 alone does not see.</summary>
internal static class AsyncLambdaSample
{
    public static Func<Task<object>> Create() => async () =>
    {
        await Task.Yield();
        return new Autofac.ContainerBuilder();
    };
}
