using SynthData.Cli.Output;
using System.CommandLine;
using System.Globalization;
using SynthData.Api.V1;
using SynthData.Cli.Options;

namespace SynthData.Cli.Remote;

/// <summary>`train` with --server: StartTraining (admission by the dataset's policy), the job id, and with --watch the job's progress.</summary>
public static class RemoteTraining
{
    public static async Task<int> StartAsync(ParseResult parse, StartTrainingRequest request, bool watch, bool json, CancellationToken cancel)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        using var connection = ServerConnectionOptions.Connect(parse, "train");
        var job = await connection.Training.StartTrainingAsync(request, cancellationToken: cancel);
        if (json) stdout.WriteLine(ProtoJson.Format(job));
        else
        {
            stdout.WriteLine($"job: {job.Id} ({job.State.ToString().ToLowerInvariant()}) on dataset {job.DatasetId}");
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "target: ({0:0.###}, {1:G3})-DP, noise multiplier {2:G5}, {3} steps",
                job.TargetEpsilon, job.Delta, job.NoiseMultiplier, job.TotalSteps));
            ReleaseDecisionText.Print(stdout, job.Admission);
            if (!watch) stdout.WriteLine($"follow it with: synthdata watch {job.Id}");
        }
        return watch ? await JobWatchDisplay.FollowAsync(connection, stdout, stderr, job.Id, json, cancel) : 0;
    }
}
