using System.CommandLine;
using Google.Rpc;
using Grpc.Core;
using SynthData.Client;
using SynthData.Core;

namespace SynthData.Cli;

/// <summary>
/// Turns the errors a user can fix (Core's typed errors, missing or unreadable files, a server's refusal) into a
/// clear message on standard error and exit code 2. Anything else is a bug in synthdata, argument exceptions
/// included: one "internal error" line naming the exception's type, its stack trace, and exit code 70, so a script
/// can tell a bug from a mistake in its input. Core's messages name files, rows and columns but never a data value,
/// so they are printed as they are; so are the server's statuses and their details (field violations, one line per
/// policy reason, the retry delay), which never carry internal exception messages. A bug's message is not printed
/// (it may quote a cell).
/// </summary>
public static class CliErrors
{
    public const int UserError = 2;

    /// <summary>A bug in synthdata or in the server (EX_SOFTWARE in sysexits.h).</summary>
    public const int InternalError = 70;

    /// <summary>Runs a command's action with the invocation's writers (the console, or a test's StringWriters).</summary>
    public static Task<int> Run(ParseResult parse, Func<TextWriter, TextWriter, Task<int>> action)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        return Run(error, () => action(output, error));
    }

    public static async Task<int> Run(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (IsUserError(e))
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return UserError;
        }
        catch (RpcException e)
        {
            foreach (string line in Describe(e)) await error.WriteLineAsync(line);
            return e.StatusCode is StatusCode.Internal or StatusCode.Unknown ? InternalError : UserError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled");
            return 130;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"internal error: {e.GetType().FullName}; this is a bug in synthdata, please report it with the trace below.");
            await error.WriteLineAsync(e.StackTrace);
            return InternalError;
        }
    }

    /// <summary>
    /// A server's refusal as lines: "error: CODE: message", then the rich details of its google.rpc.Status:
    /// each field violation, each precondition violation (a policy denial lists its reasons one per line instead of
    /// the joined message) and when to retry.
    /// </summary>
    public static IEnumerable<string> Describe(RpcException e)
    {
        var status = e.GetRpcStatus();
        var info = status?.GetDetail<ErrorInfo>();
        var preconditions = status?.GetDetail<PreconditionFailure>()?.Violations ?? [];
        string message = info is not null && info.Metadata.TryGetValue("policy_id", out var policy) && preconditions.Count > 0
            ? $"policy '{policy}' (version {info.Metadata.GetValueOrDefault("policy_version", "?")}) denies the {(info.Metadata.GetValueOrDefault("stage") == "release" ? "release" : "run")}:"
            : e.Status.Detail;
        yield return $"error: {e.StatusCode}: {message}";
        if (status is null) yield break;
        foreach (var violation in status.GetDetail<BadRequest>()?.FieldViolations ?? [])
            yield return $"  field {violation.Field}: {violation.Description}";
        foreach (var violation in preconditions)
            yield return $"  - {violation.Description}";
        if (status.GetDetail<RetryInfo>()?.RetryDelay is { } delay)
            yield return $"  retry in {delay.ToTimeSpan().TotalSeconds:0} s";
    }

    static bool IsUserError(Exception e) => e is UserFacingException or IOException or UnauthorizedAccessException;
}
