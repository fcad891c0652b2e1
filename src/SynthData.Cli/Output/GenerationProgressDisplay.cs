using System.Globalization;
using Spectre.Console;
using SynthData.Client;
using SynthData.Core;

namespace SynthData.Cli.Output;

/// <summary>
/// Bytes received against the rows requested while a generated file streams in: a bar on a terminal (indeterminate
/// until the end, the file's length being known only then), nothing when the output is redirected or captured.
/// </summary>
public static class GenerationProgressDisplay
{
    public static async Task<GeneratedFile> RunAsync(TextWriter error, long rows, Func<IProgress<GenerationProgress>?, Task<GeneratedFile>> work)
    {
        if (!Terminal.IsInteractive(error)) return await work(null);
        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(0, rows), maxValue: 1);
                task.IsIndeterminate = true;
                return await work(new InlineProgress<GenerationProgress>(p =>
                {
                    task.Description = Describe(p.BytesReceived, p.RowsRequested);
                    if (!p.Complete) return;
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                }));
            });
    }

    static string Describe(long bytes, long rows) =>
        string.Format(CultureInfo.InvariantCulture, "{0:F1} MiB received ({1:N0} rows requested)", bytes / (1024.0 * 1024), rows);
}
