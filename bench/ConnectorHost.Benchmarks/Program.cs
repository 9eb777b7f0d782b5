using ConnectorHost.Benchmarks;

// Bench commands print measured figures and ratios; nothing here asserts a time.
return args.FirstOrDefault() switch
{
    "bare-server" => await BareServer.RunAsync(args[1..]),
    "startup" => await StartupBench.RunAsync(),
    "sync" => await SyncThroughputBench.RunAsync(),
    "api" => await ApiBench.RunAsync(),
    "import" => await ImportBench.RunAsync(args[1..]),
    "all" => await StartupBench.RunAsync() + await SyncThroughputBench.RunAsync() + await ApiBench.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ConnectorHost.Benchmarks startup | sync | api | import [ROWS] [--core-only] [--connector-rows N] | all");
    return 2;
}
