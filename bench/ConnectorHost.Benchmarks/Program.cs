using ConnectorHost.Benchmarks;

// Bench commands print measured figures and ratios; nothing here asserts a time.
return args.FirstOrDefault() switch
{
    "bare-server" => await BareServer.RunAsync(args[1..]),
    "startup" => await StartupBench.RunAsync(),
    "sync" => await SyncThroughputBench.RunAsync(),
    "all" => await StartupBench.RunAsync() + await SyncThroughputBench.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ConnectorHost.Benchmarks startup | sync | all");
    return 2;
}
