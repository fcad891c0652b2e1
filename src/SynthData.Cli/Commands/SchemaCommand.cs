using System.CommandLine;
using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata schema INPUT [--schema F]`: infers the table's structure (kinds, nullability, missing
/// tokens), merges a hand-written schema file, and prints the result. Structure only: inference
/// never emits bounds or category lists learnt from the rows.
/// </summary>
public static class SchemaCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("INPUT") { Description = "CSV or Parquet table" };
        var schemaFile = new Option<string?>("--schema") { Description = "schema file (JSON) with declared kinds, bounds and categories" };
        var delimiter = new Option<string?>("--delimiter") { Description = "CSV delimiter (sniffed when omitted)" };
        var command = new Command("schema", "Print the resolved schema of a table.") { input, schemaFile, delimiter };
        command.SetAction((parse, cancel) => CliErrors.Run(() =>
        {
            var options = new TableReadOptions { Delimiter = parse.GetValue(delimiter) is { Length: > 0 } d ? d[0] : null };
            using var reader = TableReaders.Open(parse.GetRequiredValue(input), options);
            var overrides = parse.GetValue(schemaFile) is { } path ? SchemaFile.Load(path) : null;
            var schema = SchemaResolver.Resolve(reader, overrides);
            Console.WriteLine(JsonSerializer.Serialize(schema, SynthDataJson.Options));
            return Task.FromResult(0);
        }));
        return command;
    }
}
