using System.CommandLine;
using Spectre.Console;

namespace SynthData.Cli.Output;

/// <summary>
/// The one place that knows about the process's console: the invocation configuration the entry points use, and
/// whether a progress bar may draw (only when the command writes to the real, interactive terminal).
/// </summary>
public static class Terminal
{
    public static InvocationConfiguration Configuration() => new() { Output = Console.Out, Error = Console.Error };

    /// <summary>A progress bar draws on the console itself: not when a caller captured the writers.</summary>
    public static bool IsInteractive(TextWriter writer) =>
        AnsiConsole.Profile.Capabilities.Interactive && (ReferenceEquals(writer, Console.Out) || ReferenceEquals(writer, Console.Error));

    /// <summary>A warning line: in yellow on a terminal, plain text elsewhere.</summary>
    public static void Warn(TextWriter writer, string message)
    {
        if (IsInteractive(writer)) AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
        else writer.WriteLine($"warning: {message}");
    }
}
