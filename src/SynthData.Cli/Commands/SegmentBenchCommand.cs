using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SynthData.Cli.Options;
using SynthData.Core;
using SynthData.Core.Generation;
using SynthData.Core.Generation.Conditions;
using SynthData.Core.Model;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata bench segment MODEL --where ... [--rows N] [--json]`: rows/s of a segment by conditional generation
/// against rejection sampling (generate unconditionally, keep the rows in the segment) from the same model, both to
/// decoded in-memory chunks (no Parquet, no disk), and the speed-up. Rejection stops after --max-draws rows and its
/// rate is then what it found in that time.
/// </summary>
public static class SegmentBenchCommand
{
    public static Command Create()
    {
        var modelPath = new Argument<string>("MODEL") { Description = "model artifact" };
        var rows = new Option<int>("--rows") { Description = "segment rows to produce by each method", DefaultValueFactory = _ => 5_000 };
        var maxDraws = new Option<long>("--max-draws") { Description = "rejection sampling: most unconditional rows to draw", DefaultValueFactory = _ => 20_000_000 };
        var seed = new Option<int>("--seed") { Description = "sampling seed", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var segmentOptions = new SegmentOptions();
        var command = new Command("segment", "Rows/s of a segment: conditional generation against rejection sampling.") { modelPath, rows, maxDraws, seed, json };
        segmentOptions.AddTo(command, withProportions: false);
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            var segment = segmentOptions.Parse(parse);
            if (segment.Conditions.Count == 0) throw new InvalidInputException("give the segment with at least one --where.");
            int target = parse.GetValue(rows);
            long cap = parse.GetValue(maxDraws);
            if (target < 1 || cap < 1) throw new InvalidInputException("--rows and --max-draws must be at least 1.");
            int seedValue = parse.GetValue(seed);
            using var model = TrainedModel.Load(parse.GetRequiredValue(modelPath));

            var conditional = new SyntheticTableGenerator(model, segment: segment);
            var clock = Stopwatch.StartNew();
            long produced = conditional.Generate(target, seedValue, cancellationToken: cancel).Sum(chunk => (long)chunk.RowCount);
            double conditionalSeconds = clock.Elapsed.TotalSeconds;
            var stats = conditional.SegmentStatistics!;

            var unconditional = new SyntheticTableGenerator(model);
            long drawn = 0, kept = 0;
            clock.Restart();
            foreach (var chunk in unconditional.Generate(cap, seedValue, cancellationToken: cancel))
            {
                drawn += chunk.RowCount;
                kept += SegmentMembership.Matches(chunk, segment.Conditions).Count(m => m);
                if (kept >= target) break;
            }
            double rejectionSeconds = clock.Elapsed.TotalSeconds;

            // Rejection that found nothing is credited with one row: the speed-up is then a lower bound.
            double conditionalRate = produced / conditionalSeconds, rejectionRate = Math.Max(1, kept) / rejectionSeconds;
            string description = string.Join(" and ", segment.Conditions.Select(x => x.Describe()));
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    segment = description, model = model.Id, torch_threads = TorchSharp.torch.get_num_threads(), cores = Environment.ProcessorCount,
                    segment_share = (double)kept / drawn,
                    conditional = new { rows = produced, seconds = conditionalSeconds, rows_per_second = conditionalRate, draws = stats.Draws,
                        draws_per_row = stats.DrawsPerRow, min_effective_sample_size = stats.MinEffectiveSampleSize, mean_effective_sample_size = stats.MeanEffectiveSampleSize },
                    rejection = new { rows = kept, draws = drawn, seconds = rejectionSeconds, rows_per_second = rejectionRate, stopped_at_max_draws = kept < target },
                    speedup = conditionalRate / rejectionRate, speedup_is_lower_bound = kept == 0,
                }, SynthDataJson.Options));
                return Task.FromResult(0);
            }
            var c = CultureInfo.InvariantCulture;
            stdout.WriteLine($"segment: {description}; model {model.Id}, torch threads {TorchSharp.torch.get_num_threads()}, cores {Environment.ProcessorCount}");
            stdout.WriteLine(string.Format(c, "share of the model's population (rejection): {0:P3} ({1:N0} of {2:N0} rows)", (double)kept / drawn, kept, drawn));
            stdout.WriteLine(string.Format(c, "conditional: {0,10:N0} rows in {1,7:F2} s: {2,12:N0} rows/s ({3:F1} latent draws per row, ESS per block min {4:N0}, mean {5:N0})",
                produced, conditionalSeconds, conditionalRate, stats.DrawsPerRow, stats.MinEffectiveSampleSize, stats.MeanEffectiveSampleSize));
            stdout.WriteLine(string.Format(c, "rejection:   {0,10:N0} rows in {1,7:F2} s: {2,12:N0} rows/s ({3:N0} unconditional rows drawn{4})",
                kept, rejectionSeconds, rejectionRate, drawn, kept < target ? $", stopped at --max-draws" : ""));
            stdout.WriteLine(string.Format(c, "speed-up: {0}{1:F1}x", kept == 0 ? "more than " : "", conditionalRate / rejectionRate));
            return Task.FromResult(0);
        }));
        return command;
    }
}
