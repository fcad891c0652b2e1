using SynthData.Api.V1;
using SynthData.Cli.Options;
using SynthData.Cli.Output;
using SynthData.Client;
using SynthData.Core;
using SynthData.Core.Generation.Conditions;
using System.CommandLine;
using System.Globalization;

namespace SynthData.Cli.Remote;

/// <summary>
/// `generate` with --server: streams the Parquet file of a released model to FILE.partial, checks its length and
/// SHA-256 against the server's summary, then renames it to FILE. Shows bytes received against the rows requested
/// (the file's length is known only at the end, so the bar is indeterminate until then).
/// </summary>
public static class RemoteGeneration
{
    public static async Task<int> RunAsync(ParseResult parse, string modelId, long rows, int seed, Segment segment, string path, CancellationToken cancel)
    {
        using var connection = ServerConnectionOptions.Connect(parse, "generate");
        var request = new GenerateRequest { ModelId = modelId, Rows = rows, Seed = seed };
        SegmentProto.AddTo(request, segment);
        var stdout = parse.InvocationConfiguration.Output;
        var file = await GenerationProgressDisplay.RunAsync(parse.InvocationConfiguration.Error, rows,
            progress => connection.GenerateToFileAsync(request, path, progress, cancel));

        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Format(c, "wrote {0:N0} synthetic rows to {1} ({2:F1} MiB, sha256 {3}, verified)", file.Rows, path, file.Bytes / (1024.0 * 1024), file.Sha256));
        var g = file.Governance;
        stdout.WriteLine(g.Epsilon is { } epsilon
            ? string.Format(c, "governance: ({0:0.###}, {1:G3})-DP from the {2} accountant; model {3}, policy {4}", epsilon, g.Delta, g.Accountant, g.ModelId, g.PolicyId)
            : $"governance: NO differential-privacy guarantee recorded; model {g.ModelId}, policy {g.PolicyId}");
        return 0;
    }
}
