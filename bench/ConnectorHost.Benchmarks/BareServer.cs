namespace ConnectorHost.Benchmarks;

/// <summary>The baseline: an empty ASP.NET Core app with one endpoint, started the same way as the host.</summary>
internal static class BareServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health", () => "Healthy");
        await app.RunAsync();
        return 0;
    }
}
