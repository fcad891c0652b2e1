using System.CommandLine;
using SynthData.Core.Model.Training;
using SynthData.Core.Tabular.Io;
using SynthData.Core.Tabular.Schema;

namespace SynthData.Cli.Options;

/// <summary>The INPUT table with its optional schema file and CSV delimiter, shared by the commands that read a table.</summary>
public sealed class TableInputOptions
{
    public Argument<string> Input { get; } = new("INPUT") { Description = "CSV or Parquet table" };
    public Option<string?> Schema { get; } = new("--schema") { Description = "schema file (JSON) declaring kinds, bounds and categories" };
    public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "CSV delimiter (sniffed when omitted)" };

    public void AddTo(Command command)
    {
        command.Add(Input);
        command.Add(Schema);
        command.Add(Delimiter);
    }

    public TableReadOptions ReadOptions(ParseResult parse) =>
        new() { Delimiter = parse.GetValue(Delimiter) is { Length: > 0 } d ? d[0] : null };

    /// <summary>Opens the table, resolves its schema (inferred structure merged with the schema file).</summary>
    /// <param name="fingerprintKey">The installation's key for the table's content fingerprint.</param>
    public TrainingInput Resolve(ParseResult parse, byte[] fingerprintKey)
    {
        string path = parse.GetRequiredValue(Input);
        var readOptions = ReadOptions(parse);
        using var reader = TableReaders.Open(path, readOptions);
        var overrides = parse.GetValue(Schema) is { } schemaPath ? SchemaFile.Load(schemaPath) : null;
        return new TrainingInput(path, SchemaResolver.Resolve(reader, overrides), fingerprintKey, readOptions);
    }
}
