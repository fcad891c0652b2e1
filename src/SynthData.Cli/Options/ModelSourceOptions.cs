using System.CommandLine;
using SynthData.Core;
using SynthData.Core.Model;
using SynthData.Core.Synthesis;
using SynthData.Core.Tabular.Io;

namespace SynthData.Cli.Options;

/// <summary>A MODEL artifact and the --data table it was trained on (checked by fingerprint), for `evaluate` and `audit`.</summary>
public sealed class ModelSourceOptions
{
    readonly Argument<string> _model = new("MODEL") { Description = "model artifact" };
    // Required for local files only; checked in Load so that `audit MODEL_ID` against a server parses without it.
    readonly Option<string?> _data = new("--data") { Description = "the table the model was trained on (checked by its keyed content fingerprint)" };
    readonly Option<string?> _delimiter = new("--delimiter") { Description = "CSV delimiter (sniffed when omitted)" };

    public Argument<string> Model => _model;

    /// <summary>Options that name local files, meaningless when a server holds the model and its rows.</summary>
    public Option[] LocalOnly => [_data, _delimiter];

    public void AddTo(Command command)
    {
        command.Add(_model);
        command.Add(_data);
        command.Add(_delimiter);
    }

    /// <summary>Loads the model and rebuilds its members and holdout from the table.</summary>
    public (TrainedModel Model, SourceTable Source) Load(ParseResult parse)
    {
        string data = parse.GetValue(_data) ?? throw new InvalidInputException("--data is required: the table the model was trained on.");
        var model = TrainedModel.Load(parse.GetRequiredValue(_model));
        try
        {
            var readOptions = new TableReadOptions { Delimiter = parse.GetValue(_delimiter) is { Length: > 0 } d ? d[0] : null };
            // The fingerprint is keyed by this installation's secret: a model from another home does not match.
            return (model, SourceTable.ForModel(data, model, SynthDataHome.Open().FingerprintKey(), readOptions));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
