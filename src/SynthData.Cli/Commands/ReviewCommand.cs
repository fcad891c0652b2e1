using System.CommandLine;
using SynthData.Api.V1;
using SynthData.Cli.Options;
using SynthData.Cli.Remote;

namespace SynthData.Cli.Commands;

/// <summary>
/// `synthdata --server URL --api-key KEY approve|reject MODEL_ID [--comment TEXT]`: a reviewer's decision on a
/// release. Approval releases a model whose audit passed; rejection blocks or withdraws a release.
/// </summary>
public static class ReviewCommand
{
    public static Command Create(bool approve)
    {
        string name = approve ? "approve" : "reject";
        var model = new Argument<string>("MODEL_ID") { Description = "model id" };
        var comment = new Option<string?>("--comment") { Description = "the reviewer's reasons, kept in the audit log (never put data values here)" };
        var json = new Option<bool>("--json") { Description = "print the server's reply as JSON" };
        var command = new Command(name, approve
            ? "Approve the release of an audited model (reviewer key)."
            : "Reject or withdraw the release of a model (reviewer key).") { model, comment, json };
        command.SetAction((parse, cancel) => CliErrors.Run(parse, async (stdout, stderr) =>
        {
            using var connection = ServerConnectionOptions.Connect(parse, name);
            var request = new ReviewRequest { ModelId = parse.GetRequiredValue(model), Comment = parse.GetValue(comment) ?? "" };
            var reply = approve
                ? await connection.Governance.ApproveReleaseAsync(request, cancellationToken: cancel)
                : await connection.Governance.RejectReleaseAsync(request, cancellationToken: cancel);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(ProtoJson.Format(reply));
                return 0;
            }
            stdout.WriteLine($"model {reply.ModelId}: {(reply.Released ? "released" : "not released")}");
            ReleaseDecisionText.Print(stdout, reply.ReleaseDecision);
            return 0;
        }));
        return command;
    }
}
