using System.CommandLine;
using SynthData.Cli.Output;
using SynthData.Cli.Options;
using SynthData.Cli.Remote;
using SynthData.Core;
using SynthData.Core.Generation;
using SynthData.Core.Generation.Conditions;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Model;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata generate MODEL --rows N --out FILE.parquet`: streams synthetic rows to Parquet in row groups.
/// With --server, MODEL is a released model's id and the server streams the file (see RemoteGeneration). With --where
/// and --proportion the rows are a segment, drawn conditionally from the model (no privacy cost: post-processing).
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var modelPath = new Argument<string>("MODEL") { Description = "model artifact (with --server: a released model's id)" };
        var rows = new Option<long>("--rows") { Description = "number of synthetic rows", Required = true };
        var seed = new Option<int>("--seed") { Description = "sampling seed (same model and seed give the same rows)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Parquet file to write", Required = true };
        var segmentOptions = new SegmentOptions();
        var command = new Command("generate", "Generate a synthetic table from a model artifact (optionally a segment: --where, --proportion).") { modelPath, rows, seed, output };
        segmentOptions.AddTo(command);
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            long count = parse.GetValue(rows);
            if (count < 1) throw new InvalidInputException($"--rows must be at least 1; got {count}.");
            var segment = segmentOptions.Parse(parse);
            if (ServerConnectionOptions.IsRemote(parse))
                return await RemoteGeneration.RunAsync(parse, parse.GetRequiredValue(modelPath), count, parse.GetValue(seed), segment, parse.GetRequiredValue(output), cancel);
            using var model = TrainedModel.Load(parse.GetRequiredValue(modelPath));
            var generator = new SyntheticTableGenerator(model, segment: segment);
            // Lineage and guarantee from the artifact; no audit or policy ran here, and the metadata says so.
            var governance = GovernanceMetadataBuilder.Build(model, model.Manifest.DatasetId ?? "unrecorded", generator,
                audit: null, policyId: null, policyVersion: 0, admission: null, release: null, reviewer: null, parse.GetValue(seed), count);
            long written = await SyntheticParquet.WriteFileAsync(generator, count, parse.GetValue(seed), parse.GetRequiredValue(output),
                GovernanceMetadataBuilder.FooterEntries(governance), cancellationToken: cancel);
            if (!model.Manifest.Private)
                Terminal.Warn(stdout, "this model was trained WITHOUT differential privacy; its output is not safe to release.");
            stdout.WriteLine($"wrote {written} synthetic rows to {parse.GetRequiredValue(output)}");
            if (generator.SegmentStatistics is { } s)
                stdout.WriteLine($"segment ({string.Join(" and ", segment.Conditions.Select(c => c.Describe()).Concat(segment.Proportions.Select(p => p.Describe())))}): " +
                                  $"{s.Draws:N0} latent draws ({s.DrawsPerRow:F1} per row) in {s.Blocks} resampling blocks; effective sample size per block " +
                                  $"min {s.MinEffectiveSampleSize:N0}, mean {s.MeanEffectiveSampleSize:N0} (blocks below {SegmentStatistics.EffectiveSampleSizeThreshold:N0} are grown, then refused). " +
                                  "The file describes this segment, not the population; no privacy budget was spent.");
            return 0;
        }));
        return command;
    }
}
