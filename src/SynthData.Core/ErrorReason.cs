namespace SynthData.Core;

/// <summary>
/// Why a user-facing error happened, as a stable code adapters can act on: the server maps each to a gRPC status
/// and names it in google.rpc.ErrorInfo; the CLI prints the message. The set is small on purpose: a new reason is
/// a new contract for every client.
/// </summary>
public enum ErrorReason
{
    /// <summary>A value, file or option is malformed or out of range; the caller fixes the input (INVALID_ARGUMENT).</summary>
    InvalidInput,
    /// <summary>Something the request names does not exist (NOT_FOUND).</summary>
    NotFound,
    /// <summary>The input is fine but the state refuses it, e.g. a table that is not the model's source (FAILED_PRECONDITION).</summary>
    FailedPrecondition,
    /// <summary>A release policy denies the run or the release; each reason is listed (FAILED_PRECONDITION).</summary>
    PolicyDenied,
    /// <summary>The dataset's lifetime privacy budget cannot cover the run (FAILED_PRECONDITION).</summary>
    BudgetExhausted,
    /// <summary>A capacity is used up for now (a full job queue); trying later may succeed (RESOURCE_EXHAUSTED).</summary>
    ResourceExhausted,
    /// <summary>Stored data (a model artifact, a file beside it) is missing or damaged (DATA_LOSS).</summary>
    DataLoss,
}
