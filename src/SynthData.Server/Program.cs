// The SynthData gRPC server: loopback plaintext by default (127.0.0.1:5080), TLS for anything else.
using SynthData.Server.Hosting;

WebApplication app;
try
{
    app = ServerHost.Create(args);
}
catch (InvalidOperationException e) when (e.Message.StartsWith("Refusing", StringComparison.Ordinal))
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
app.Run();
return 0;
