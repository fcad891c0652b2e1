using Grpc.Core;
using Microsoft.Extensions.Options;
using SynthData.Api.V1;
using SynthData.Core.Generation;
using SynthData.Core.Generation.Conditions;
using SynthData.Core.Governance.Metadata;
using SynthData.Core.Governance.Release;
using SynthData.Core.Model;
using SynthData.Server.Generation;
using SynthData.Server.Governance;
using SynthData.Server.Hosting;
using SynthData.Server.Security;
using SynthData.Server.Storage;
using SynthData.Server.Training;
using SynthData.Server.Validation;

namespace SynthData.Server.Services;

/// <summary>
/// Streams synthetic Parquet from released models: a header with the governance metadata the file's footer
/// also carries, the file's bytes in fixed-size chunks (one row group generated, written and sent at a time,
/// so memory stays flat for any row count), then a summary with the length and SHA-256. Generation reads
/// only the model, never a private row, so it costs no budget; so does a segment request (conditional generation is
/// post-processing of the released model).
/// </summary>
public sealed class GenerationServiceImpl(ServerStore store, PolicyStore policies, IOptions<SynthDataServerOptions> options,
    ILogger<GenerationServiceImpl> logger) : GenerationService.GenerationServiceBase
{
    const int DefaultRowGroupSize = 65_536, MaxRowGroupSize = 1_048_576;

    public override async Task Generate(GenerateRequest request, IServerStreamWriter<GenerateResponse> responseStream, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        long maxRows = options.Value.MaxGenerateRows;
        FieldViolations.Require(request.Rows >= 1 && request.Rows <= maxRows, "rows", $"must be between 1 and {maxRows:N0}");
        int minGroup = options.Value.MinRowGroupSize, maxGroups = options.Value.MaxRowGroupsPerFile;
        FieldViolations.Require(!request.HasRowGroupSize || request.RowGroupSize >= minGroup && request.RowGroupSize <= MaxRowGroupSize, "row_group_size",
            $"must be between {minGroup:N0} and {MaxRowGroupSize:N0} (unset uses {DefaultRowGroupSize:N0})");
        int rowGroup = request.HasRowGroupSize ? request.RowGroupSize : DefaultRowGroupSize;
        long groups = (request.Rows + rowGroup - 1) / rowGroup;
        // Bounds the writer's footer, the one part of memory that grows with the file.
        FieldViolations.Require(groups <= maxGroups, "row_group_size",
            $"gives {groups:N0} row groups for {request.Rows:N0} rows; a file has at most {maxGroups:N0} (use at least {(request.Rows + maxGroups - 1) / maxGroups:N0} rows a group)");
        FieldViolations.Require(request.Seed is >= int.MinValue and <= int.MaxValue, "seed", "must fit in 32 bits");
        var model = AuditServiceImpl.FindModel(store, caller, request.ModelId);
        if (ReleaseStateMachine.WhyNotGeneratable(model.ReleaseState) is { } why)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Model '{model.Id}' is not released ({why})."));

        var dataset = store.Datasets.Get(caller.TenantId, model.DatasetId)!;
        var policy = policies.Get(dataset.PolicyId);
        var audit = ReleaseWorkflow.LoadReport(store, model);
        var release = ReleaseWorkflow.FromJson<Core.Governance.Decisions.PolicyDecision>(model.ReleaseDecisionJson);
        var reviewer = ReleaseWorkflow.FromJson<ReviewerApproval>(model.ReviewerJson);
        var admission = store.Jobs.Get(caller.TenantId, model.JobId) is { } job ? TrainingJobParameters.FromJson(job.ParametersJson)?.Admission : null;
        int seed = (int)request.Seed;

        var segment = SegmentRequestMapping.ToSegment(request);
        using var trained = ModelArtifacts.Load(store, model, caller.Actor);
        SyntheticTableGenerator generator;
        try
        {
            generator = new SyntheticTableGenerator(trained, policy.ReleaseOf, segment);
        }
        catch (SegmentException e)
        {
            throw SegmentRequestMapping.ToFieldViolation(e);
        }
        var metadata = GovernanceMetadataBuilder.Build(trained, dataset.Id, generator, audit, policy.Id, policy.Version, admission, release,
            reviewer, seed, request.Rows);
        var footer = GovernanceMetadataBuilder.FooterEntries(metadata);
        await responseStream.WriteAsync(new GenerateResponse
        {
            Header = new GenerationHeader
            {
                GovernanceJson = footer[GovernanceMetadata.GovernanceKey],
                SoftwareVersion = metadata.Software.Version,
                Rows = request.Rows,
            },
        }, context.CancellationToken);

        await using var stream = new GrpcParquetStream(responseStream, options.Value.GenerationChunkBytes, context.CancellationToken);
        long rows;
        try
        {
            rows = await Task.Run(() => SyntheticParquet.WriteAsync(generator, request.Rows, seed, stream, footer,
                chunkRows: rowGroup, cancellationToken: context.CancellationToken), context.CancellationToken);
            await stream.CompleteAsync();
            await responseStream.WriteAsync(new GenerateResponse
            {
                Summary = new GenerationSummary { Rows = rows, Bytes = stream.BytesWritten, Sha256 = stream.Sha256Hex() },
            }, context.CancellationToken);
        }
        catch (Exception e)
        {
            // The consumer holds a partial file: the log says how much left the server and that it is not a release.
            bool cancelled = context.CancellationToken.IsCancellationRequested; // the write that noticed may throw any type
            store.AuditLog.Record(caller.TenantId, caller.Actor, cancelled ? "model.generate_cancelled" : "model.generate_failed", model.Id,
                $"{request.Rows} rows requested, seed {seed}, {stream.BytesWritten} bytes sent before the stream ended" + (cancelled ? "" : $" ({e.GetType().Name})"));
            throw;
        }
        string segmentNote = generator.SegmentStatistics is { } s
            ? $", segment of {segment.Conditions.Count} condition(s) and {segment.Proportions.Count} proportion(s): {s.Draws} latent draws, min ESS per block {s.MinEffectiveSampleSize:F0}"
            : "";
        store.AuditLog.Record(caller.TenantId, caller.Actor, "model.generated", model.Id, $"{rows} rows, seed {seed}, {stream.BytesWritten} bytes, sha256 {stream.Sha256Hex()}{segmentNote}");
        logger.LogInformation("Model {ModelId}: streamed {Rows} rows ({Bytes} bytes)", model.Id, rows, stream.BytesWritten);
    }
}
