using System.CommandLine;
using System.Diagnostics;
using SynthData.Core.Privacy.Mechanisms;
using SynthData.Core.Tabular.Encoding;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Loading;
using SynthData.Core.Tabular.Schema;

namespace SynthData.Cli.Commands;

/// <summary>`synthdata bench ...`: speed and memory figures, printed rather than asserted in tests.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure speed and memory.");
        bench.Add(ReadEncode());
        return bench;
    }

    /// <summary>Read + parse + DP-fit + encode a table; prints rows/s and the process's peak working set.</summary>
    static Command ReadEncode()
    {
        var input = new Argument<string>("INPUT") { Description = "CSV or Parquet table" };
        var schemaFile = new Option<string?>("--schema") { Description = "schema file (JSON)" };
        var command = new Command("read-encode", "Time reading, parsing, DP preprocessing and encoding of a table.") { input, schemaFile };
        command.SetAction((parse, cancel) => CliErrors.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            using var reader = TableReaders.Open(parse.GetRequiredValue(input));
            var overrides = parse.GetValue(schemaFile) is { } path ? SchemaFile.Load(path) : null;
            var schema = SchemaResolver.Resolve(reader, overrides);
            var data = TableLoader.Load(reader, schema);
            var read = clock.Elapsed.TotalSeconds;
            var (transformer, _) = TableTransformer.Fit(data, new PreprocessingOptions(), new SeededNoiseSource(1));
            var encoded = transformer.Encode(data);
            var total = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"rows: {data.RowCount}, encoded width: {transformer.Width}, floats: {encoded.Length}");
            Console.WriteLine($"read+parse: {read:F2} s ({data.RowCount / read:F0} rows/s)");
            Console.WriteLine($"read+parse+fit+encode: {total:F2} s ({data.RowCount / total:F0} rows/s)");
            Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
            return Task.FromResult(0);
        }));
        return command;
    }
}
