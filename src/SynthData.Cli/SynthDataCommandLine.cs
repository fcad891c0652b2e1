using System.CommandLine;
using SynthData.Cli.Commands;
using SynthData.Cli.Options;

namespace SynthData.Cli;

/// <summary>The command tree. Each command lives in its own file under Commands/.</summary>
public static class SynthDataCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("SynthData: differentially private synthetic tables with audits and governance metadata.")
        {
            ServerConnectionOptions.Server,
            ServerConnectionOptions.ApiKey,
        };
        foreach (var command in Commands())
            root.Add(command);
        return root;
    }

    /// <summary>--server is global, so a command without a server mode says so instead of quietly running locally.</summary>
    static Command LocalOnly(Command command)
    {
        command.Validators.Add(result =>
        {
            if (result.GetResult(ServerConnectionOptions.Server) is { Implicit: false })
                result.AddError($"{command.Name} works on local files only; with --server use upload, train, watch, audit, drift, approve and generate.");
        });
        return command;
    }

    static IEnumerable<Command> Commands()
    {
        yield return LocalOnly(SchemaCommand.Create());
        yield return AccountantCommand.Create();
        yield return TrainCommand.Create();
        yield return GenerateCommand.Create();
        yield return LocalOnly(EvaluateCommand.Create());
        yield return LocalOnly(EvaluateSegmentCommand.Create());
        yield return AuditCommand.Create();
        yield return DriftCommand.Create();
        yield return LocalOnly(SynthCommand.Create());
        yield return BenchCommand.Create();
        // Server-only commands (train, audit, drift and generate also act on a server when --server is given).
        yield return CreateKeyCommand.Create();
        yield return ListKeysCommand.Create();
        yield return RevokeKeyCommand.Create();
        yield return UploadCommand.Create();
        yield return WatchCommand.Create();
        yield return ReviewCommand.Create(approve: true);
        yield return ReviewCommand.Create(approve: false);
    }
}
