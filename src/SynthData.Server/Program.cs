// The SynthData gRPC server: `synthdata-server [CONFIGURATION...]` serves, `synthdata-server check` checks the state.
using SynthData.Server.Hosting;

return await ServerCommandLine.Parse(args).InvokeAsync();
