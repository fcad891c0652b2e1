using Grpc.Core;
using SynthData.Client;
using SynthData.Core;

namespace SynthData.Cli;

/// <summary>
/// Turns the errors a user can fix (bad input, bad options, a policy refusal) into one clear line on
/// standard error and exit code 2; anything else is a bug and keeps its stack trace. Core's error
/// messages name files, rows and columns but never carry a data value, so they are safe to print; so do the
/// server's status details (it never sends internal exception messages), printed as "error: CODE: detail".
/// </summary>
public static class CliErrors
{
    public const int UserError = 2;

    public static async Task<int> Run(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (IsUserError(e))
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return UserError;
        }
        catch (RpcException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.StatusCode}: {e.Status.Detail}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
    }

    static bool IsUserError(Exception e) =>
        e is UserFacingException or ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or GeneratedFileException;
}
