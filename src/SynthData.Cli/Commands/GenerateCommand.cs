using System.CommandLine;
using Spectre.Console;
using SynthData.Cli.Options;
using SynthData.Cli.Remote;
using SynthData.Core.Generation;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Model;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata generate MODEL --rows N --out FILE.parquet`: streams synthetic rows to Parquet in row groups.
/// With --server, MODEL is a released model's id and the server streams the file (see RemoteGeneration).
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var modelPath = new Argument<string>("MODEL") { Description = "model artifact (with --server: a released model's id)" };
        var rows = new Option<long>("--rows") { Description = "number of synthetic rows", Required = true };
        var seed = new Option<int>("--seed") { Description = "sampling seed (same model and seed give the same rows)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Parquet file to write", Required = true };
        var command = new Command("generate", "Generate a synthetic table from a model artifact.") { modelPath, rows, seed, output };
        command.SetAction((parse, cancel) => CliErrors.Run(async () =>
        {
            long count = parse.GetValue(rows);
            if (count < 1) throw new ArgumentException($"--rows must be at least 1; got {count}.");
            if (ServerConnectionOptions.IsRemote(parse))
                return await RemoteGeneration.RunAsync(parse, parse.GetRequiredValue(modelPath), count, parse.GetValue(seed), parse.GetRequiredValue(output), cancel);
            using var model = TrainedModel.Load(parse.GetRequiredValue(modelPath));
            var generator = new SyntheticTableGenerator(model);
            // Lineage and guarantee from the artifact; no audit or policy ran here, and the metadata says so.
            var governance = GovernanceMetadataBuilder.Build(model, model.Manifest.DatasetId ?? "unrecorded", generator,
                audit: null, policyId: null, policyVersion: 0, admission: null, release: null, reviewer: null, parse.GetValue(seed), count);
            long written = await SyntheticParquet.WriteFileAsync(generator, count, parse.GetValue(seed), parse.GetRequiredValue(output),
                GovernanceMetadataBuilder.FooterEntries(governance), cancellationToken: cancel);
            if (!model.Manifest.Private)
                AnsiConsole.MarkupLine("[yellow]warning:[/] this model was trained WITHOUT differential privacy; its output is not safe to release.");
            Console.WriteLine($"wrote {written} synthetic rows to {parse.GetRequiredValue(output)}");
            return 0;
        }));
        return command;
    }
}
