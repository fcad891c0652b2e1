using System.Text.Json;
using Spectre.Console;
using SynthData.Core;
using SynthData.Core.Model.Training;

namespace SynthData.Cli.Output;

/// <summary>
/// Shows a run's progress: a progress bar on a terminal, JSON lines with --json (one object per report,
/// "event": "progress"), plain lines when output is redirected. Progress carries aggregates only.
/// </summary>
public static class RunProgressDisplay
{
    public static T Run<T>(TextWriter output, TextWriter error, bool json, Func<IProgress<RunProgress>, T> work)
    {
        if (json) return work(new InlineProgress<RunProgress>(p => output.WriteLine(JsonSerializer.Serialize(new { @event = "progress", stage = p.StageName, p.Step, p.Steps, p.Epoch, mean_loss = Finite(p.MeanLoss), epsilon_spent = p.EpsilonSpent }, SynthDataJson.Compact))));
        if (!Terminal.IsInteractive(error))
        {
            long lastPrinted = -1;
            return work(new InlineProgress<RunProgress>(p =>
            {
                if (p.Stage != RunStage.Train) { error.WriteLine($"[{p.StageName}]"); return; }
                if (p.Step != p.Steps && p.Step - lastPrinted < Math.Max(1, p.Steps / 10)) return;
                lastPrinted = p.Step;
                error.WriteLine(Describe(p));
            }));
        }
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: 1);
                result = work(new InlineProgress<RunProgress>(p =>
                {
                    if (p.Stage != RunStage.Train) { task.Description = p.StageName; return; }
                    task.MaxValue = Math.Max(1, p.Steps);
                    task.Value = p.Step;
                    task.Description = Markup.Escape(Describe(p));
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    static string Describe(RunProgress p) =>
        $"step {p.Step}/{p.Steps} epoch {p.Epoch:F1} loss {p.MeanLoss:F3}" + (p.EpsilonSpent is { } e ? $" eps {e:F3}" : " (no privacy)");

    static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
