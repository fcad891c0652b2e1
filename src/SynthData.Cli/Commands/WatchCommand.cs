using System.CommandLine;
using SynthData.Cli.Options;
using SynthData.Cli.Output;
using SynthData.Cli.Remote;

namespace SynthData.Cli.Commands;

/// <summary>`synthdata --server URL --api-key KEY watch JOB_ID`: follows a training job; exit 0 when it succeeded, 1 when it failed or was cancelled.</summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("JOB_ID") { Description = "training job id (job_...)" };
        var json = new Option<bool>("--json") { Description = "JSON lines: one per job event" };
        var command = new Command("watch", "Follow a training job on the server until it ends.") { job, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            using var connection = ServerConnectionOptions.Connect(parse, "watch");
            return await JobWatchDisplay.FollowAsync(connection, stdout, stderr, parse.GetRequiredValue(job), parse.GetValue(json), cancel);
        }));
        return command;
    }
}
