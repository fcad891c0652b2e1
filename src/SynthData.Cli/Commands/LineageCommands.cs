using System.CommandLine;
using System.Globalization;
using SynthData.Api.V1;
using SynthData.Cli.Options;
using SynthData.Cli.Remote;

namespace SynthData.Cli.Commands;

/// <summary>
/// The model lifecycle on a server: `models DATASET_ID` lists every model of the dataset's lineage (all versions) and
/// which one consumers get; reviewers `set-current DATASET_ID MODEL_ID` (a rollback when the model is older) and
/// `withdraw MODEL_ID`. Each change is in the server's audit log with the comment.
/// </summary>
public static class LineageCommands
{
    public static Command Models()
    {
        var dataset = new Argument<string>("DATASET_ID") { Description = "any version of the dataset (ds_...)" };
        var json = new Option<bool>("--json") { Description = "print the server's reply as JSON" };
        var command = new Command("models", "List the models of a dataset's lineage, oldest first, and the current one.") { dataset, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, _) =>
        {
            using var connection = ServerConnectionOptions.Connect(parse, "models");
            var reply = await connection.Lifecycle.ListDatasetModelsAsync(new ListDatasetModelsRequest { DatasetId = parse.GetRequiredValue(dataset) }, cancellationToken: cancel);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(ProtoJson.Format(reply));
                return 0;
            }
            stdout.WriteLine($"{"version",-8} {"model",-32} {"dataset",-32} {"release state",-16} created");
            foreach (var m in reply.Models)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Version,-8} {m.ModelId,-32} {m.DatasetId,-32} {ProtoNames.Of(m.ReleaseState),-16} {m.CreateTime?.ToDateTimeOffset():yyyy-MM-dd HH:mm}{(m.Current ? "  (current)" : "")}"));
            stdout.WriteLine(reply.CurrentModelId.Length > 0 ? $"current: {reply.CurrentModelId}" : "current: none (no model of this dataset is released)");
            return 0;
        }));
        return command;
    }

    public static Command SetCurrent()
    {
        var dataset = new Argument<string>("DATASET_ID") { Description = "any version of the dataset (ds_...)" };
        var model = new Argument<string>("MODEL_ID") { Description = "a released model of the lineage" };
        var comment = Comment();
        var command = new Command("set-current", "Make a released model the one consumers get (reviewer key); a rollback when it is older.") { dataset, model, comment };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, _) =>
        {
            using var connection = ServerConnectionOptions.Connect(parse, "set-current");
            var reply = await connection.Lifecycle.SetCurrentModelAsync(new SetCurrentModelRequest
            {
                DatasetId = parse.GetRequiredValue(dataset), ModelId = parse.GetRequiredValue(model), Comment = parse.GetValue(comment) ?? "",
            }, cancellationToken: cancel);
            Print(stdout, reply);
            return 0;
        }));
        return command;
    }

    public static Command Withdraw()
    {
        var model = new Argument<string>("MODEL_ID") { Description = "a released model" };
        var comment = Comment();
        var command = new Command("withdraw", "Withdraw a model's release (reviewer key): it generates no more; the current model falls back.") { model, comment };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, _) =>
        {
            using var connection = ServerConnectionOptions.Connect(parse, "withdraw");
            var reply = await connection.Lifecycle.WithdrawModelAsync(new WithdrawModelRequest
            {
                ModelId = parse.GetRequiredValue(model), Comment = parse.GetValue(comment) ?? "",
            }, cancellationToken: cancel);
            Print(stdout, reply);
            return 0;
        }));
        return command;
    }

    static Option<string?> Comment() => new("--comment") { Description = "the reviewer's reasons, kept in the audit log (never put data values here)" };

    static void Print(TextWriter stdout, CurrentModel current) => stdout.WriteLine(current.ModelId.Length == 0
        ? $"dataset {current.DatasetId}: no current model (none released)"
        : $"dataset {current.DatasetId}: current model {current.ModelId} (version {current.Version}, {(current.Pinned ? "set by a reviewer" : "the latest released")})");
}
