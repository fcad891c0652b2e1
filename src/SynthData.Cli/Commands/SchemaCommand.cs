using System.CommandLine;
using System.Text.Json;
using SynthData.Core;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata schema INPUT [--schema F] [--out DRAFT]`: infers the table's structure (kinds, nullability, missing
/// tokens), applies a hand-written schema file, and prints the result. Structure only: inference never emits bounds or
/// category lists learnt from the rows. --out writes the result as a schema-file draft for the owner to review:
/// inferred columns are marked "inferred": true, and stay uncovered by the guarantee until the mark is removed.
/// </summary>
public static class SchemaCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("INPUT") { Description = "CSV or Parquet table" };
        var schemaFile = new Option<string?>("--schema") { Description = "schema file (JSON) with declared kinds, bounds and categories" };
        var delimiter = new Option<string?>("--delimiter") { Description = "CSV delimiter (sniffed when omitted)" };
        var output = new Option<string?>("--out") { Description = "write a schema-file draft (inferred columns marked) to review, instead of printing" };
        var command = new Command("schema", "Print the resolved schema of a table, or write a draft schema file.") { input, schemaFile, delimiter, output };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            var options = new TableReadOptions { Delimiter = parse.GetValue(delimiter) is { Length: > 0 } d ? d[0] : null };
            using var reader = TableReaders.Open(parse.GetRequiredValue(input), options);
            var overrides = parse.GetValue(schemaFile) is { } path ? SchemaFile.Load(path) : null;
            var schema = SchemaResolver.Resolve(reader, overrides);
            if (parse.GetValue(output) is not { Length: > 0 } draft)
            {
                stdout.WriteLine(JsonSerializer.Serialize(schema, SynthDataJson.Options));
                return 0;
            }
            SchemaFile.Save(schema, draft);
            var inferred = schema.InferredColumns;
            stdout.WriteLine($"wrote {draft}");
            if (inferred.Count > 0)
                await stderr.WriteLineAsync(
                    $"warning: {inferred.Count} column(s) in {draft} were inferred from the private rows ({string.Join(", ", inferred)}). " +
                    "They must be reviewed: check each against public knowledge (documentation, not the data), then remove its \"inferred\": true mark; " +
                    "until then the run records the schema as partly inferred, which the privacy guarantee does not cover.");
            return 0;
        }));
        return command;
    }
}
