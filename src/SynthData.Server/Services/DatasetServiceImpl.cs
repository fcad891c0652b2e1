using Grpc.Core;
using Microsoft.Extensions.Options;
using SynthData.Api.V1;
using SynthData.Core;
using SynthData.Core.Governance.Ledger;
using SynthData.Core.Governance.Policies;
using SynthData.Server.Datasets;
using SynthData.Server.Governance;
using SynthData.Server.Hosting;
using SynthData.Server.Jobs;
using SynthData.Server.Security;
using SynthData.Server.Storage;
using SynthData.Server.Storage.Artifacts;
using SynthData.Server.Validation;

namespace SynthData.Server.Services;

/// <summary>
/// Uploads, describes and erases datasets. An upload is written to a temp file, validated in full
/// with Core, and only then put in the artifact store (datasets/&lt;tenant&gt;/&lt;id&gt;) and recorded; any failure
/// deletes the temp file and what was stored, and records nothing but an audit-log line.
/// </summary>
public sealed class DatasetServiceImpl(ServerStore store, PolicyStore policies, DatasetLedger ledger, JobQueue jobs, IOptions<SynthDataServerOptions> options,
    ILogger<DatasetServiceImpl> logger)
    : DatasetService.DatasetServiceBase
{
    const int MaxNameLength = 200, MaxSchemaLength = 1 << 20;

    public override async Task<Dataset> UploadDataset(IAsyncStreamReader<UploadDatasetRequest> requestStream, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.PayloadCase != UploadDatasetRequest.PayloadOneofCase.Header)
            throw FieldViolations.Invalid("header", "the first message must be an UploadDatasetHeader");
        var header = requestStream.Current.Header;
        string extension = header.Format switch
        {
            DataFormat.Csv => ".csv",
            DataFormat.Parquet => ".parquet",
            _ => throw FieldViolations.Invalid("header.format", "must be DATA_FORMAT_CSV or DATA_FORMAT_PARQUET"),
        };
        FieldViolations.Require(header.Name.Length <= MaxNameLength, "header.name", $"must be at most {MaxNameLength} characters");
        FieldViolations.Require(header.SchemaJson.Length <= MaxSchemaLength, "header.schema_json", $"must be at most {MaxSchemaLength} characters");
        FieldViolations.Require(header.PolicyId.Length <= RequestIds.MaxLength, "header.policy_id", $"must be at most {RequestIds.MaxLength} characters");
        string name = string.IsNullOrWhiteSpace(header.Name) ? "dataset" : header.Name.Trim();
        char? delimiter = DatasetInput.ParseDelimiter(header.Delimiter);
        string policyId = string.IsNullOrWhiteSpace(header.PolicyId) ? PolicyCatalog.DefaultPolicyId : header.PolicyId.Trim();
        if (!policies.Exists(policyId))
            throw FieldViolations.Invalid("header.policy_id", $"'{RequestIds.Quote(policyId)}' is not a policy of this server (see ListPolicies)");

        // A per-upload directory so the file can carry the user's name: error messages name the file.
        string uploadDirectory = Path.Combine(store.TempDirectory, ServerStore.NewId("up"));
        string tempFile = Path.Combine(uploadDirectory, SafeFileName(name) + extension);
        string? storedKey = null;
        try
        {
            PrivateFiles.CreateDirectory(uploadDirectory);
            long bytes = await ReceiveAsync(requestStream, tempFile, options.Value.MaxUploadBytes, context.CancellationToken);
            var table = await Task.Run(() => UploadValidator.Validate(tempFile, header.SchemaJson, delimiter, options.Value.UploadLimits(), store.FingerprintKey, context.CancellationToken));
            string ledgerKey = await Task.Run(() => LedgerKeys.ForUpload(store, caller.TenantId, table.ContentFingerprint, context.CancellationToken));
            if (header.VersionOf.Length > 0) ledgerKey = DatasetVersionKeys.ForVersion(store, caller.TenantId, header.VersionOf, table.ContentFingerprint);

            string datasetId = DatasetIds.New(); // random: an id never confirms which table it names
            string key = ArtifactFiles.DatasetKey(caller.TenantId, datasetId, extension.TrimStart('.'));
            storedKey = key;
            await store.Artifacts.PutAsync(key, tempFile, context.CancellationToken);
            var record = new DatasetRecord
            {
                Id = datasetId, TenantId = caller.TenantId, Name = name, Format = extension.TrimStart('.'), RowCount = table.RowCount,
                SchemaJson = table.SchemaJson, PolicyId = policyId, RawPath = key, CreatedAt = DateTimeOffset.UtcNow,
                Delimiter = string.IsNullOrEmpty(header.Delimiter) ? null : header.Delimiter, ContentFingerprint = table.ContentFingerprint, LedgerKey = ledgerKey,
            };
            store.Datasets.Insert(record);
            storedKey = null; // recorded: keep it
            store.AuditLog.Record(caller.TenantId, caller.Actor, "dataset.uploaded", datasetId, $"{table.RowCount} rows, {bytes} bytes");
            logger.LogInformation("Dataset {DatasetId} uploaded: {Rows} rows, {Bytes} bytes", datasetId, table.RowCount, bytes);
            return WithBudget(record);
        }
        catch (Exception e) when (e is UserFacingException or RpcException)
        {
            var status = e as RpcException;
            store.AuditLog.Record(caller.TenantId, caller.Actor, "dataset.upload_rejected", "", status?.Status.Detail ?? e.Message);
            logger.LogInformation("Upload rejected: {Reason}", SafeText.Escape(status?.Status.Detail ?? e.Message));
            throw; // the error interceptor answers Core's typed error by its reason, with its details
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            store.AuditLog.Record(caller.TenantId, caller.Actor, "dataset.upload_failed", "", "the server's disk is full");
            logger.LogError("Upload failed: the disk holding {Directory} is full", store.TempDirectory);
            throw new RpcException(new Status(StatusCode.Unavailable, "The server cannot store the upload now (its disk is full); try again later."));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the type: an unexpected exception's message may quote the file. The interceptor answers INTERNAL.
            store.AuditLog.Record(caller.TenantId, caller.Actor, "dataset.upload_failed", "", $"internal error ({e.GetType().Name})");
            throw;
        }
        finally
        {
            TryDelete(() => { if (Directory.Exists(uploadDirectory)) Directory.Delete(uploadDirectory, recursive: true); }, uploadDirectory);
            if (storedKey is not null) TryDelete(() => store.Artifacts.Delete(storedKey), storedKey);
        }
    }

    static async Task<long> ReceiveAsync(IAsyncStreamReader<UploadDatasetRequest> requestStream, string path, long limit, CancellationToken cancellationToken)
    {
        long total = 0;
        await using var file = PrivateFiles.CreateNew(path);
        while (await requestStream.MoveNext(cancellationToken))
        {
            var message = requestStream.Current;
            if (message.PayloadCase != UploadDatasetRequest.PayloadOneofCase.Chunk)
                throw new RpcException(new Status(StatusCode.InvalidArgument, "Only the first message may be a header; the rest must be chunks."));
            total += message.Chunk.Length;
            if (total > limit)
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"The upload exceeds the server's limit of {limit} bytes."));
            await file.WriteAsync(message.Chunk.Memory, cancellationToken);
        }
        if (total == 0) throw new RpcException(new Status(StatusCode.InvalidArgument, "The upload is empty."));
        return total;
    }

    static string SafeFileName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length is > 0 and <= 64 ? safe : "upload";
    }

    void TryDelete(Action delete, string path)
    {
        try { delete(); }
        catch (Exception e) when (e is IOException or System.Data.Common.DbException) { logger.LogError("Could not delete {Path}: {ExceptionType}", path, e.GetType().Name); }
    }

    DatasetRecord Find(ServerCallContext context, string datasetId) =>
        store.Datasets.Get(Caller.Of(context).TenantId, RequestIds.Require(datasetId, "dataset_id")) ?? throw NotFound(datasetId);

    internal static RpcException NotFound(string id) => new(new Status(StatusCode.NotFound, $"No dataset '{RequestIds.Quote(id)}'."));

    public override Task<Dataset> GetDataset(GetDatasetRequest request, ServerCallContext context) =>
        Task.FromResult(WithBudget(Find(context, request.DatasetId)));

    public override Task<ListDatasetsResponse> ListDatasets(ListDatasetsRequest request, ServerCallContext context)
    {
        string tenantId = Caller.Of(context).TenantId;
        var (page, next) = Paging.Page((size, after) => store.Datasets.List(tenantId, size, after), request.PageSize, request.PageToken, scope: "datasets");
        var response = new ListDatasetsResponse { NextPageToken = next };
        response.Datasets.AddRange(page.Select(WithBudget)); // budgets only for the page's datasets
        return Task.FromResult(response);
    }

    public override Task<DeleteDatasetResponse> DeleteDataset(DeleteDatasetRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var dataset = Find(context, request.DatasetId);
        // A running job holds rows in memory: it must not go on to release a model of an erased table.
        jobs.CancelForErasure(caller.TenantId, dataset.Id, caller.Actor);
        // Erase first, then mark: a crash between leaves "not erased" with no file, which a retry fixes. Other
        // replicas drop their cached copies on their next sweep (and never read one of an erased dataset).
        store.Artifacts.Delete(dataset.RawPath);
        store.Datasets.MarkErased(caller.TenantId, dataset.Id);
        store.AuditLog.Record(caller.TenantId, caller.Actor, "dataset.erased", dataset.Id, "raw rows erased; metadata, ledger and audit log kept");
        logger.LogInformation("Dataset {DatasetId} erased", dataset.Id);
        return Task.FromResult(new DeleteDatasetResponse { Dataset = WithBudget(Find(context, dataset.Id)) });
    }

    /// <summary>The dataset with its budget as the ledger composes it (the policy's budget until the first run).</summary>
    Dataset WithBudget(DatasetRecord dataset)
    {
        var message = dataset.ToProto();
        double policyBudget = policies.Exists(dataset.PolicyId) ? policies.Get(dataset.PolicyId).LifetimeEpsilonBudget : 0;
        message.Budget = ledger.Status(dataset, policyBudget);
        return message;
    }
}
