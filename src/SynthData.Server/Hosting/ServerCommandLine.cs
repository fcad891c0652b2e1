using System.CommandLine;
using SynthData.Server.Storage;
using SynthData.Server.Validation;

namespace SynthData.Server.Hosting;

/// <summary>
/// The server process's command line: serving (the default) and `check`. Every other token is ASP.NET configuration
/// (--urls=..., --SynthData:DataDirectory=...) and passes through untouched. Output goes to the invocation's writers
/// (the process's console unless a caller captures them), so nothing in the server writes to Console itself.
/// </summary>
public static class ServerCommandLine
{
    public static RootCommand Build()
    {
        var check = new Command("check", "Checks the data directory read-only: database integrity and schema versions, every model artifact against its recorded hash. Exit 0 when sound, 2 on any problem.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        check.SetAction(parse =>
        {
            var configuration = WebApplication.CreateBuilder([.. parse.UnmatchedTokens]).Configuration;
            var options = configuration.GetSection(SynthDataServerOptions.Section).Get<SynthDataServerOptions>() ?? new SynthDataServerOptions();
            return StateCheck.Run(options.DataDirectory, parse.InvocationConfiguration.Output, options.ArtifactKey);
        });

        var root = new RootCommand("The SynthData gRPC server: loopback plaintext by default (127.0.0.1:5080), TLS for anything else.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Add(check);
        root.SetAction(async (parse, cancellation) => await ServeAsync([.. parse.UnmatchedTokens], parse.InvocationConfiguration, cancellation));
        return root;
    }

    /// <summary>Configuration values may start with '@' or look like bundled flags (a password, say): no token is rewritten.</summary>
    public static ParseResult Parse(string[] args) =>
        Build().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null, EnablePosixBundling = false });

    static async Task<int> ServeAsync(string[] args, InvocationConfiguration io, CancellationToken cancellation)
    {
        WebApplication app;
        try
        {
            app = ServerHost.Create(args, io.Output);
        }
        catch (Exception e) when (e is DamagedDatabaseException
                                   || (e is InvalidOperationException && e.Message.StartsWith("Refusing", StringComparison.Ordinal)))
        {
            // A refusal the operator can fix (listen address, a damaged database): one line and exit 2, no stack trace.
            io.Error.WriteLine($"error: {SafeText.Escape(e.Message)}"); // one line, whatever the path holds
            return 2;
        }
        await app.RunAsync(cancellation);
        return 0;
    }
}
