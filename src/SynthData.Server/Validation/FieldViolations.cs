using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace SynthData.Server.Validation;

/// <summary>
/// INVALID_ARGUMENT that names the offending request field, in the message and as a google.rpc.BadRequest field
/// violation, so clients can point at the field without parsing text. Descriptions state the accepted range,
/// never the value sent (it may be an id or a secret). An ErrorInfo (INVALID_INPUT) comes first, as on every error.
/// </summary>
public static class FieldViolations
{
    public static RpcException Invalid(string field, string description) => new Google.Rpc.Status
    {
        Code = (int)Code.InvalidArgument,
        Message = $"{field}: {description}.",
        Details =
        {
            Any.Pack(ErrorDetails.Info(ErrorDetails.ReasonOf(Core.ErrorReason.InvalidInput), ("field", field))),
            Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = description } } }),
        },
    }.ToRpcException();

    public static void Require(bool condition, string field, string description)
    {
        if (!condition) throw Invalid(field, description);
    }
}
