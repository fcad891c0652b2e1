using System.CommandLine;
using System.Globalization;
using SynthData.Api.V1;
using SynthData.Cli.Options;
using SynthData.Cli.Remote;
using SynthData.Client;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata --server URL --api-key KEY upload FILE [--schema F] [--policy ID] [--name N] [--delimiter C]`:
/// streams a table to the server (owner key) and prints the dataset id and row count, never a value.
/// </summary>
public static class UploadCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "CSV or Parquet table to upload" };
        var schema = new Option<string?>("--schema") { Description = "schema file (JSON) declaring kinds, bounds and categories" };
        var policy = new Option<string?>("--policy") { Description = "policy id governing training and release (the server's default when omitted)" };
        var name = new Option<string?>("--name") { Description = "display name (default: the file's name)" };
        var delimiter = new Option<string?>("--delimiter") { Description = "CSV delimiter (sniffed by the server when omitted)" };
        var versionOf = new Option<string?>("--version-of") { Description = "id of an earlier dataset this table is a new version of (they share one lifetime budget)" };
        var json = new Option<bool>("--json") { Description = "print the dataset as JSON" };
        var command = new Command("upload", "Upload a table to the server (needs --server and an owner's --api-key).") { file, schema, policy, name, delimiter, versionOf, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            using var connection = ServerConnectionOptions.Connect(parse, "upload");
            var header = new UploadDatasetHeader
            {
                Name = parse.GetValue(name) ?? "",
                SchemaJson = parse.GetValue(schema) is { } schemaPath ? await File.ReadAllTextAsync(schemaPath, cancel) : "",
                PolicyId = parse.GetValue(policy) ?? "",
                Delimiter = parse.GetValue(delimiter) ?? "",
                VersionOf = parse.GetValue(versionOf) ?? "",
            };
            var dataset = await connection.UploadDatasetAsync(parse.GetRequiredValue(file), header, cancellationToken: cancel);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(ProtoJson.Format(dataset));
                return 0;
            }
            var c = CultureInfo.InvariantCulture;
            stdout.WriteLine($"dataset: {dataset.Id} ({dataset.Name}), {dataset.RowCount.ToString("N0", c)} rows, policy {dataset.PolicyId}");
            if (dataset.Budget is { } b)
                stdout.WriteLine(string.Format(c, "budget: {0:0.###} of {1:0.###} epsilon remaining", b.RemainingEpsilon, b.LifetimeEpsilonBudget));
            return 0;
        }));
        return command;
    }
}
