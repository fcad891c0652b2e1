using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SynthData.Cli.Options;
using SynthData.Core;
using SynthData.Core.Generation.Conditions;
using SynthData.Core.Model;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata evaluate-segment MODEL --where ... [--rows N] [--reference-rows M]`: the evidence that conditional
/// generation is exact. A conditional sample of the segment is compared, column by column, with the same segment of a
/// large unconditional sample from the same model (rejection sampling): total variation for labels, Kolmogorov-Smirnov
/// for numbers, each beside its sampling error and its tolerance. Both samples come from the model only (no private
/// row, no privacy cost), so the figures may be shared.
/// </summary>
public static class EvaluateSegmentCommand
{
    public static Command Create()
    {
        var modelPath = new Argument<string>("MODEL") { Description = "model artifact" };
        var rows = new Option<int>("--rows") { Description = "rows of the conditional sample", DefaultValueFactory = _ => 20_000 };
        var referenceRows = new Option<long>("--reference-rows") { Description = "unconditional rows drawn for the rejection-sampling reference", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { Description = "sampling seed", DefaultValueFactory = _ => 0 };
        var alpha = new Option<double>("--alpha") { Description = "false-alarm rate of all column tolerances together", DefaultValueFactory = _ => 0.001 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var segmentOptions = new SegmentOptions();
        var command = new Command("evaluate-segment", "Compare a conditional sample with rejection sampling from the same model (evidence that segments are exact).")
            { modelPath, rows, referenceRows, seed, alpha, json };
        segmentOptions.AddTo(command, withProportions: false);
        command.SetAction((parse, cancel) => CliErrors.Run(parse, (stdout, stderr) =>
        {
            var segment = segmentOptions.Parse(parse);
            if (segment.Conditions.Count == 0) throw new InvalidInputException("give the segment with at least one --where.");
            if (parse.GetValue(rows) < 1 || parse.GetValue(referenceRows) < 1) throw new InvalidInputException("--rows and --reference-rows must be at least 1.");
            using var model = TrainedModel.Load(parse.GetRequiredValue(modelPath));
            var result = SegmentEvaluation.Run(model, segment.Conditions, parse.GetValue(rows), parse.GetValue(referenceRows), parse.GetValue(seed),
                parse.GetValue(alpha), cancel);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    segment = segment.Conditions.Select(c => c.Describe()),
                    result.ConditionalRows, result.Violations, result.ReferenceDraws, result.ReferenceRows, result.SegmentShare, result.FamilyAlpha,
                    design_effect = SegmentComparison.DesignEffect,
                    min_effective_sample_size = result.Statistics.MinEffectiveSampleSize, draws_per_row = result.Statistics.DrawsPerRow,
                    columns = result.Columns,
                }, SynthDataJson.Options));
                return Task.FromResult(result.Columns.All(c => c.WithinTolerance) && result.Violations == 0 ? 0 : 1);
            }
            var c = CultureInfo.InvariantCulture;
            stdout.WriteLine($"segment: {string.Join(" and ", segment.Conditions.Select(x => x.Describe()))}");
            stdout.WriteLine(string.Format(c, "conditional sample: {0:N0} rows, {1} breaking a condition; {2:N0} latent draws ({3:F1} per row), min ESS per block {4:N0}",
                result.ConditionalRows, result.Violations, result.Statistics.Draws, result.Statistics.DrawsPerRow, result.Statistics.MinEffectiveSampleSize));
            stdout.WriteLine(string.Format(c, "rejection reference: {0:N0} of {1:N0} unconditional rows are in the segment ({2:P3} of the model's population)",
                result.ReferenceRows, result.ReferenceDraws, result.SegmentShare));
            if (result.ReferenceRows == 0)
            {
                stdout.WriteLine("no reference rows: draw more with --reference-rows");
                return Task.FromResult(1);
            }
            stdout.WriteLine(string.Format(c, "per column (TV: total variation of labels; KS: Kolmogorov-Smirnov of numbers; error: expected distance of two samples " +
                                               "of these sizes from one distribution; tolerance: critical value at alpha {0} over all columns, design effect {1}):",
                result.FamilyAlpha, SegmentComparison.DesignEffect));
            stdout.WriteLine($"  {"column",-16} {"metric",6} {"distance",9} {"error",9} {"tolerance",9}  verdict");
            foreach (var m in result.Columns)
                stdout.WriteLine(string.Format(c, "  {0,-16} {1,6} {2,9:F4} {3,9:F4} {4,9:F4}  {5}", m.Column, m.Metric, m.Distance, m.SamplingError, m.Tolerance,
                    m.WithinTolerance ? "same" : "DIFFERENT"));
            bool exact = result.Columns.All(m => m.WithinTolerance) && result.Violations == 0;
            stdout.WriteLine(exact ? "every column matches the rejection reference within sampling error" : "SOME COLUMNS DIFFER beyond sampling error");
            return Task.FromResult(exact ? 0 : 1);
        }));
        return command;
    }
}
