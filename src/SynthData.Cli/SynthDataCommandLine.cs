using System.CommandLine;
using SynthData.Cli.Commands;

namespace SynthData.Cli;

/// <summary>The command tree. Each command lives in its own file under Commands/.</summary>
public static class SynthDataCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("SynthData: differentially private synthetic tables with audits and governance metadata.");
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
    }
}
