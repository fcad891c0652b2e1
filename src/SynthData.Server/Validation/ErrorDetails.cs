using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using SynthData.Core;
using SynthData.Core.Governance.Policies;

namespace SynthData.Server.Validation;

/// <summary>
/// Core's typed errors as google.rpc.Status: the code follows the <see cref="ErrorReason"/>; every status carries an
/// ErrorInfo (the reason in UPPER_SNAKE_CASE, domain <see cref="Domain"/>); invalid input names its field in a
/// BadRequest; a policy denial lists one PreconditionFailure violation per reason; a full capacity says when to retry.
/// Messages are the exceptions' own, which name fields, files and columns and never a value from a table.
/// </summary>
public static class ErrorDetails
{
    public const string Domain = "synthdata.dev";

    public static StatusCode CodeOf(ErrorReason reason) => reason switch
    {
        ErrorReason.InvalidInput => StatusCode.InvalidArgument,
        ErrorReason.NotFound => StatusCode.NotFound,
        ErrorReason.FailedPrecondition or ErrorReason.PolicyDenied or ErrorReason.BudgetExhausted => StatusCode.FailedPrecondition,
        ErrorReason.ResourceExhausted => StatusCode.ResourceExhausted,
        ErrorReason.DataLoss => StatusCode.DataLoss,
        _ => StatusCode.Internal,
    };

    /// <summary>ErrorInfo.reason of a Core error: its enum name in UPPER_SNAKE_CASE (InvalidInput → INVALID_INPUT).</summary>
    public static string ReasonOf(ErrorReason reason) => UpperSnake(reason.ToString());

    /// <summary>ErrorInfo.reason of a status the server chose itself: INVALID_ARGUMENT reads as Core's INVALID_INPUT, others keep the code's name.</summary>
    public static string ReasonOf(StatusCode code) => code == StatusCode.InvalidArgument ? ReasonOf(ErrorReason.InvalidInput) : UpperSnake(code.ToString());

    public static ErrorInfo Info(string reason, params (string Key, string Value)[] metadata)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        foreach (var (key, value) in metadata) info.Metadata[key] = value;
        return info;
    }

    public static RpcException ToRpcException(UserFacingException error)
    {
        var code = CodeOf(error.Reason);
        string message = error.Field is { } f && !error.Message.Contains(f, StringComparison.Ordinal) ? $"{f}: {error.Message}" : error.Message;
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        var info = Info(ReasonOf(error.Reason));
        if (error.Field is { } field)
        {
            info.Metadata["field"] = field;
            if (error.Reason == ErrorReason.InvalidInput)
                status.Details.Add(Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = error.Message } } }));
        }
        switch (error)
        {
            case PolicyDeniedException denied:
                info.Metadata["policy_id"] = denied.PolicyId;
                info.Metadata["policy_version"] = denied.PolicyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
                info.Metadata["stage"] = denied.Stage.ToString().ToLowerInvariant();
                var failure = new PreconditionFailure();
                foreach (string reason in denied.Reasons)
                    failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = "POLICY", Subject = $"policies/{denied.PolicyId}", Description = reason });
                status.Details.Add(Any.Pack(failure));
                break;
            case { Reason: ErrorReason.FailedPrecondition or ErrorReason.BudgetExhausted }:
                status.Details.Add(Any.Pack(new PreconditionFailure
                {
                    Violations = { new PreconditionFailure.Types.Violation { Type = ReasonOf(error.Reason), Description = error.Message } },
                }));
                break;
            case ResourceExhaustedException { RetryAfter: { } delay }:
                status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
                break;
        }
        status.Details.Insert(0, Any.Pack(info));
        return status.ToRpcException();
    }

    /// <summary>
    /// A status the server chose itself, given an ErrorInfo if it lacks one (reason from the code) and keeping every
    /// detail it already had, so that clients can rely on ErrorInfo in every error; a FAILED_PRECONDITION without a
    /// PreconditionFailure gets one violation (type STATE) holding its message, as Core's refusals have.
    /// </summary>
    public static RpcException WithErrorInfo(RpcException error)
    {
        var status = error.GetRpcStatus() ?? new Google.Rpc.Status { Code = (int)error.StatusCode, Message = error.Status.Detail };
        if (status.GetDetail<ErrorInfo>() is not null) return error;
        status.Details.Insert(0, Any.Pack(Info(ReasonOf(error.StatusCode))));
        if (error.StatusCode == StatusCode.FailedPrecondition && status.GetDetail<PreconditionFailure>() is null)
            status.Details.Add(Any.Pack(new PreconditionFailure
            {
                Violations = { new PreconditionFailure.Types.Violation { Type = "STATE", Description = error.Status.Detail } },
            }));
        return status.ToRpcException();
    }

    static string UpperSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
