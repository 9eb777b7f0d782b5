using ConnectorHost.Cli;

return await CommandLine.RunAsync(args);
