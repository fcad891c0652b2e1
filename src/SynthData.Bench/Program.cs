using SynthData.Cli.Output;
using System.CommandLine;
using SynthData.Bench;
using SynthData.Cli;

// `synthdata-bench`: the synthdata command line with the benches that host the server in-process (bench generate,
// bench server) and the replica bench over PostgreSQL (bench replicas) added under `bench`; the shipped `synthdata`
// carries no server assembly.
var root = SynthDataCommandLine.Build();
var bench = root.Subcommands.Single(c => c.Name == "bench");
bench.Add(GenerateBenchCommand.Create());
bench.Add(ServerBenchCommand.Create());
bench.Add(ReplicaBenchCommand.Create());
return await root.Parse(args).InvokeAsync(Terminal.Configuration());
