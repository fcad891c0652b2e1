// The SynthData gRPC server: loopback plaintext by default (127.0.0.1:5080), TLS for anything else.
using SynthData.Server.Hosting;

ServerHost.Create(args).Run();
