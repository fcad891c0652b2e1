// The SynthData gRPC server: loopback plaintext by default (127.0.0.1:5080), TLS for anything else.
using SynthData.Server.Hosting;
using SynthData.Server.Storage;
using SynthData.Server.Validation;

if (args is ["check", .. var checkArgs])
{
    // synthdata-server check [--SynthData:DataDirectory=DIR]: the same configuration sources as serving.
    var configuration = WebApplication.CreateBuilder(checkArgs).Configuration;
    var options = configuration.GetSection(SynthDataServerOptions.Section).Get<SynthDataServerOptions>() ?? new SynthDataServerOptions();
    return StateCheck.Run(options.DataDirectory, Console.Out, options.ArtifactKey);
}

WebApplication app;
try
{
    app = ServerHost.Create(args);
}
catch (Exception e) when (e is DamagedDatabaseException
                           || (e is InvalidOperationException && e.Message.StartsWith("Refusing", StringComparison.Ordinal)))
{
    // A refusal the operator can fix (listen address, a damaged database): one line and exit 2, no stack trace.
    Console.Error.WriteLine($"error: {SafeText.Escape(e.Message)}"); // one line, whatever the path holds
    return 2;
}
app.Run();
return 0;
