using System.Globalization;
using Spectre.Console;
using SynthData.Api.V1;
using SynthData.Cli.Remote;
using SynthData.Client;

namespace SynthData.Cli.Output;

/// <summary>
/// Follows a server job (training or audit) to its end: a progress bar (step/total, loss, epsilon spent) on a terminal,
/// plain lines on standard error when redirected, JSON lines with --json. Exit code 0 when the job succeeded,
/// 1 when it failed or was cancelled (with the server's reasons, which never carry a data value).
/// </summary>
public static class JobWatchDisplay
{
    public const int JobDidNotSucceed = 1;

    /// <param name="quiet">Print nothing while the job runs and nothing when it succeeds (failures still go to standard error).</param>
    public static async Task<int> FollowAsync(SynthDataConnection connection, TextWriter stdout, TextWriter stderr, string jobId, bool json, CancellationToken cancel, bool quiet = false)
    {
        JobEvent? last = null;
        var events = connection.WatchJobAsync(jobId, cancel);
        if (quiet)
        {
            await foreach (var e in events) last = e;
            return Finish(stdout, stderr, jobId, last, json: true);
        }
        if (json)
        {
            await foreach (var e in events)
            {
                stdout.WriteLine(ProtoJson.Format(e));
                last = e;
            }
        }
        else if (!Terminal.IsInteractive(stderr))
        {
            long lastPrinted = -1;
            await foreach (var e in events)
            {
                // A line per tenth of the run and per state change keeps logs short.
                bool stateChanged = last is null || last.State != e.State;
                long total = e.Job?.TotalSteps ?? 0;
                if (stateChanged || e.Step - lastPrinted >= Math.Max(1, total / 10))
                {
                    stderr.WriteLine(Describe(e));
                    lastPrinted = e.Step;
                }
                last = e;
            }
        }
        else
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"job {Markup.Escape(jobId)}", maxValue: 1);
                    await foreach (var e in events)
                    {
                        task.MaxValue = Math.Max(1, e.Job?.TotalSteps ?? 1);
                        task.Value = e.Step;
                        task.Description = Markup.Escape(Describe(e));
                        last = e;
                    }
                    if (last?.State == JobState.Succeeded) task.Value = task.MaxValue;
                });
        }
        return Finish(stdout, stderr, jobId, last, json);
    }

    static int Finish(TextWriter stdout, TextWriter stderr, string jobId, JobEvent? last, bool json)
    {
        var job = last?.Job;
        if (last is null || !IsTerminal(last.State))
        {
            stderr.WriteLine($"error: the server closed the watch of job {jobId} before the job ended; run `synthdata watch {jobId}` again.");
            return CliErrors.UserError;
        }
        if (last.State == JobState.Succeeded)
        {
            if (!json && job?.Kind == JobKind.Audit)
                stderr.WriteLine($"audit job {job.Id} succeeded");
            else if (!json)
                stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "succeeded: model {0}; epsilon spent {1:0.###} (delta {2:G3}) over {3} steps",
                    job?.ModelId, job?.EpsilonSpent ?? last.EpsilonSpent, job?.Delta, job?.StepsTaken ?? last.Step));
            return 0;
        }
        string reasons = job is { Reasons.Count: > 0 } ? string.Join("; ", job.Reasons) : "no reason given";
        stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: {1} (epsilon spent {2:0.###}, charged to the dataset's budget)",
            StateName(last.State), reasons, job?.EpsilonSpent ?? last.EpsilonSpent));
        return JobDidNotSucceed;
    }

    static bool IsTerminal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;

    static string StateName(JobState state) => state.ToString().ToLowerInvariant();

    // Epoch, loss and epsilon only when the event reports them: state changes and non-training stages carry zeros,
    // and "eps 0.000" after noisy steps would be a false statement about what was spent.
    static string Describe(JobEvent e)
    {
        var c = CultureInfo.InvariantCulture;
        if (e.Job?.Kind == JobKind.Audit)
            return e.Stage == JobStage.Unspecified ? $"audit {StateName(e.State)}" : $"audit {StateName(e.State)}: {ProtoNames.Of(e.Stage)}";
        string text = string.Format(c, "{0} step {1}/{2}", StateName(e.State), e.Step, e.Job?.TotalSteps ?? 0);
        if (e.Epoch > 0) text += string.Format(c, " epoch {0:F1} loss {1:F3}", e.Epoch, e.Loss);
        if (e.EpsilonSpent > 0) text += string.Format(c, " eps {0:F3}", e.EpsilonSpent);
        return text;
    }
}
