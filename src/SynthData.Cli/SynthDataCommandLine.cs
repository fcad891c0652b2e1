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

    static IEnumerable<Command> Commands()
    {
        yield return SchemaCommand.Create();
        yield return AccountantCommand.Create();
        yield return TrainCommand.Create();
        yield return GenerateCommand.Create();
        yield return EvaluateCommand.Create();
        yield return AuditCommand.Create();
        yield return SynthCommand.Create();
        yield return BenchCommand.Create();
        // Server-only commands (train, audit and generate also act on a server when --server is given).
        yield return CreateKeyCommand.Create();
        yield return UploadCommand.Create();
        yield return WatchCommand.Create();
        yield return ReviewCommand.Create(approve: true);
        yield return ReviewCommand.Create(approve: false);
    }
}
