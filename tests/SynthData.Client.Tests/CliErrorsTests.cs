using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using SynthData.Cli;
using SynthData.Core;
using SynthData.Core.Synthesis;

namespace SynthData.Client.Tests;

/// <summary>
/// How the CLI reports a failure: the user's mistakes (Core's typed errors) exit 2 with their message; a bug
/// (an argument exception included) exits 70 with an internal-error line and no message; a server's refusal prints
/// the rich details of its status, one line each. One test points SYNTHDATA_HOME at a temporary folder, hence the
/// "SYNTHDATA_HOME" collection (the variable is process-wide).
/// </summary>
[Collection("SYNTHDATA_HOME")]
public sealed class CliErrorsTests
{
    static async Task<(int Code, string Error)> Run(Exception thrown)
    {
        using var error = new StringWriter();
        int code = await CliErrors.Run(error, () => Task.FromException<int>(thrown));
        return (code, error.ToString());
    }

    [Fact]
    public async Task A_user_mistake_exits_2_and_a_bug_exits_70_without_its_message()
    {
        var mistake = await Run(new InvalidInputException("--rows must be at least 1; got 0.", "rows"));
        Assert.Equal((CliErrors.UserError, "error: --rows must be at least 1; got 0."), (mistake.Code, mistake.Error.TrimEnd()));

        var bug = await Run(new ArgumentOutOfRangeException("index", "cell 'alice@example.org' out of range"));
        Assert.Equal(CliErrors.InternalError, bug.Code);
        Assert.StartsWith("internal error: System.ArgumentOutOfRangeException;", bug.Error);
        Assert.DoesNotContain("alice", bug.Error);
    }

    [Fact]
    public async Task A_bad_delta_on_a_local_run_is_the_users_mistake_not_a_bug()
    {
        // Core refuses delta >= 1/N with a typed input error: exit 2 and its message, no model written.
        string root = Directory.CreateTempSubdirectory("synthdata-cli-errors").FullName;
        string? previousHome = Environment.GetEnvironmentVariable(SynthDataHome.Variable);
        Environment.SetEnvironmentVariable(SynthDataHome.Variable, Path.Combine(root, "home"));
        try
        {
            string samples = Path.Combine(CliServerModeTests.Repository(), "samples");
            string model = Path.Combine(root, "model.model");
            var result = await CliServerModeTests.Cli("train", Path.Combine(samples, "bank-marketing.csv"), "--schema", Path.Combine(samples, "bank-marketing.schema.json"),
                "--epsilon", "1", "--delta", "0.5", "--epochs", "1", "--out", model);
            Assert.True(result.ExitCode == CliErrors.UserError, result.Error);
            Assert.StartsWith("error: Delta = 0.5 is not below 1/N", result.Error);
            Assert.False(File.Exists(model));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SynthDataHome.Variable, previousHome);
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_policy_denial_prints_one_line_per_reason_and_a_full_queue_when_to_retry()
    {
        var info = new ErrorInfo { Reason = "POLICY_DENIED", Domain = "synthdata.dev" };
        info.Metadata.Add("policy_id", "default");
        info.Metadata.Add("policy_version", "1");
        info.Metadata.Add("stage", "admission");
        var denial = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = "Policy 'default' (version 1) denies the run: too few rows; delta too large.",
            Details =
            {
                Any.Pack(info),
                Any.Pack(new PreconditionFailure
                {
                    Violations =
                    {
                        new PreconditionFailure.Types.Violation { Type = "POLICY", Description = "too few rows" },
                        new PreconditionFailure.Types.Violation { Type = "POLICY", Description = "delta too large" },
                    },
                }),
            },
        }.ToRpcException();
        Assert.Equal(["error: FailedPrecondition: policy 'default' (version 1) denies the run:", "  - too few rows", "  - delta too large"],
            CliErrors.Describe(denial));

        var full = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = "The job queue is full (16 waiting); try again later.",
            Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)) }) },
        }.ToRpcException();
        Assert.Equal(["error: ResourceExhausted: The job queue is full (16 waiting); try again later.", "  retry in 30 s"], CliErrors.Describe(full));

        var field = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "delta: must be below 1/N.",
            Details = { Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "delta", Description = "must be below 1/N" } } }) },
        }.ToRpcException();
        Assert.Equal(["error: InvalidArgument: delta: must be below 1/N.", "  field delta: must be below 1/N"], CliErrors.Describe(field));
        // A status without details prints as before.
        Assert.Equal(["error: NotFound: No job 'j'."], CliErrors.Describe(new RpcException(new Grpc.Core.Status(StatusCode.NotFound, "No job 'j'."))));
    }
}
