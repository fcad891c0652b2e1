using Grpc.Core;
using SynthData.Api.V1;

namespace SynthData.Server.Services;

/// <summary>
/// UNIMPLEMENTED until phase B. Plug-in: look the model up by tenant, FAILED_PRECONDITION unless
/// release_state is 'released', then stream header, Parquet chunks (Core Generation writing to a
/// stream that forwards each row group), summary. Generation reads no private rows: no ledger charge.
/// </summary>
public sealed class GenerationServiceImpl : GenerationService.GenerationServiceBase
{
    public override Task Generate(GenerateRequest request, IServerStreamWriter<GenerateResponse> responseStream, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "Generation is not wired into the server yet."));
}
