using SynthData.Cli.Output;
using SynthData.Cli;

// `synthdata`: a thin command-line adapter over SynthData.Core.
return await SynthDataCommandLine.Build().Parse(args).InvokeAsync(Terminal.Configuration());
