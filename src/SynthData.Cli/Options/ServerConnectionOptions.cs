using System.CommandLine;
using SynthData.Client;
using SynthData.Core;

namespace SynthData.Cli.Options;

/// <summary>
/// The global --server and --api-key options (environment fallbacks SYNTHDATA_SERVER and SYNTHDATA_API_KEY).
/// With a server, train, audit and generate act on the server instead of on local files.
/// </summary>
public static class ServerConnectionOptions
{
    public const string ServerVariable = "SYNTHDATA_SERVER", ApiKeyVariable = "SYNTHDATA_API_KEY";

    // The environment is read in code, not through a default value: help would print a default, and this one is a secret.
    public static Option<string?> Server { get; } = new("--server") { Description = $"SynthData server URL, e.g. http://127.0.0.1:5080 (or {ServerVariable}); commands then act on the server", Recursive = true };
    public static Option<string?> ApiKey { get; } = new("--api-key") { Description = $"API key for the server (or {ApiKeyVariable})", Recursive = true };

    public static string? ServerUrl(ParseResult parse) => NonEmpty(parse.GetValue(Server)) ?? NonEmpty(Environment.GetEnvironmentVariable(ServerVariable));

    public static bool IsRemote(ParseResult parse) => ServerUrl(parse) is not null;

    /// <summary>A connection to the server; an InvalidInputException (exit 2) names what is missing or malformed.</summary>
    public static SynthDataConnection Connect(ParseResult parse, string commandName)
    {
        string url = ServerUrl(parse) ?? throw new InvalidInputException($"{commandName} talks to a server: give --server URL (or set {ServerVariable}).");
        string key = NonEmpty(parse.GetValue(ApiKey)) ?? NonEmpty(Environment.GetEnvironmentVariable(ApiKeyVariable))
                     ?? throw new InvalidInputException($"--api-key KEY (or {ApiKeyVariable}) is required with --server.");
        try
        {
            return new SynthDataConnection(url, key);
        }
        catch (ArgumentException e) // the client library's own check of the URL: here it is the user's --server value
        {
            throw new InvalidInputException(e.Message, "--server", e);
        }
    }

    /// <summary>Refuses options that only mean something for local files, rather than ignoring them silently.</summary>
    public static void RejectLocalOnly(ParseResult parse, params Option[] localOnly)
    {
        foreach (var option in localOnly)
            if (parse.GetResult(option) is { Implicit: false })
                throw new InvalidInputException($"{option.Name} applies to local files only; it has no meaning with --server.");
    }

    static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
