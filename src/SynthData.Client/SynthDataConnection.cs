using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SynthData.Api.V1;

namespace SynthData.Client;

/// <summary>
/// One connection to a SynthData server: a single HTTP/2 channel for the URL (plain http:// works on loopback,
/// the server insists on TLS elsewhere), an API key sent as "x-api-key" metadata on every call, and a typed
/// client per service. Dispose it to close the channel.
/// </summary>
public sealed class SynthDataConnection : IDisposable
{
    /// <summary>The metadata key that carries the API key on every call.</summary>
    public const string ApiKeyHeader = "x-api-key";

    readonly GrpcChannel _channel;

    /// <summary>Opens a channel to <paramref name="serverUrl"/> (http:// or https://) that sends <paramref name="apiKey"/> on every call.</summary>
    public SynthDataConnection(string serverUrl, string apiKey, GrpcChannelOptions? options = null)
    {
        var address = Address = ParseAddress(serverUrl);
        if (string.IsNullOrWhiteSpace(apiKey)) throw new ArgumentException("An API key is required to call the server.", nameof(apiKey));
        _channel = GrpcChannel.ForAddress(address, options ?? new GrpcChannelOptions());
        // Every call goes through this invoker, so no call can leave without the key.
        Invoker = _channel.Intercept(metadata =>
        {
            metadata.Add(ApiKeyHeader, apiKey);
            return metadata;
        });
        Datasets = new DatasetService.DatasetServiceClient(Invoker);
        Training = new TrainingService.TrainingServiceClient(Invoker);
        Jobs = new JobService.JobServiceClient(Invoker);
        Models = new ModelService.ModelServiceClient(Invoker);
        Audits = new AuditService.AuditServiceClient(Invoker);
        Generation = new GenerationService.GenerationServiceClient(Invoker);
        Governance = new GovernanceService.GovernanceServiceClient(Invoker);
        Admin = new AdminService.AdminServiceClient(Invoker);
        Lifecycle = new ModelLifecycleService.ModelLifecycleServiceClient(Invoker);
    }

    /// <summary>The server's address as given.</summary>
    public Uri Address { get; }

    /// <summary>Call invoker that adds the API key; for clients this class does not wrap (health, reflection).</summary>
    public CallInvoker Invoker { get; }

    /// <summary>Upload, get, list and delete datasets.</summary>
    public DatasetService.DatasetServiceClient Datasets { get; }
    /// <summary>Starts training jobs (follow them through <see cref="Jobs"/>).</summary>
    public TrainingService.TrainingServiceClient Training { get; }
    /// <summary>Jobs of every kind (training, audit, drift check): get, list, watch, cancel.</summary>
    public JobService.JobServiceClient Jobs { get; }
    /// <summary>Get and list trained models.</summary>
    public ModelService.ModelServiceClient Models { get; }
    /// <summary>Runs audits and fetches their reports (JSON or streamed HTML).</summary>
    public AuditService.AuditServiceClient Audits { get; }
    /// <summary>Stream generated Parquet files; see <see cref="GenerateAsync"/>.</summary>
    public GenerationService.GenerationServiceClient Generation { get; }
    /// <summary>Release policies, privacy budgets, release reviews and the audit log.</summary>
    public GovernanceService.GovernanceServiceClient Governance { get; }
    /// <summary>API key administration: create, list, revoke.</summary>
    public AdminService.AdminServiceClient Admin { get; }
    /// <summary>Drift checks, a dataset's models, the current model, rollback and withdrawal; see <see cref="RunDriftCheckAsync"/>.</summary>
    public ModelLifecycleService.ModelLifecycleServiceClient Lifecycle { get; }

    /// <summary>Uploads a CSV or Parquet file in 1 MiB chunks; see <see cref="DatasetUpload"/>.</summary>
    public Task<Dataset> UploadDatasetAsync(string path, UploadDatasetHeader header, IProgress<long>? bytesSent = null, CancellationToken cancellationToken = default) =>
        DatasetUpload.UploadAsync(Datasets, path, header, bytesSent, cancellationToken);

    /// <summary>Every event of a job (training, audit or drift check) until it ends (the server closes the stream after the terminal state).</summary>
    public async IAsyncEnumerable<JobEvent> WatchJobAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var call = Jobs.WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken))
            yield return call.ResponseStream.Current;
    }

    /// <summary>The job as it stands when it ends (its last event); null when the stream closed before a terminal state.</summary>
    public async Task<Job?> WaitForJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        Job? last = null;
        await foreach (var jobEvent in WatchJobAsync(jobId, cancellationToken)) last = jobEvent.Job;
        return last is { State: JobState.Succeeded or JobState.Failed or JobState.Cancelled } ? last : null;
    }

    /// <summary>
    /// Runs a drift check of a new dataset version against a model to its end: starts it (the server reserves its
    /// epsilon in the lineage's budget), hands the job to <paramref name="started"/> (e.g. to show its cost), follows it
    /// and returns the check as it ended; its State says whether it succeeded and its Columns hold the result.
    /// </summary>
    public async Task<DriftCheck> RunDriftCheckAsync(StartDriftCheckRequest request, Action<Job>? started = null, CancellationToken cancellationToken = default)
    {
        var job = await Lifecycle.StartDriftCheckAsync(request, cancellationToken: cancellationToken);
        started?.Invoke(job);
        await WaitForJobAsync(job.Id, cancellationToken);
        return await Lifecycle.GetDriftCheckAsync(new GetDriftCheckRequest { DriftCheckId = job.Id }, cancellationToken: cancellationToken);
    }

    /// <summary>Writes the model's HTML audit report (StreamAuditReportHtml) into <paramref name="destination"/>; returns its length.</summary>
    public async Task<long> DownloadAuditReportHtmlAsync(string modelId, Stream destination, CancellationToken cancellationToken = default)
    {
        using var call = Audits.StreamAuditReportHtml(new GetAuditReportRequest { ModelId = modelId }, cancellationToken: cancellationToken);
        long length = 0;
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            var data = call.ResponseStream.Current.Data.Memory;
            await destination.WriteAsync(data, cancellationToken);
            length += data.Length;
        }
        return length;
    }

    /// <summary>Streams a generated Parquet file into <paramref name="destination"/>, checked against the server's summary.</summary>
    public async Task<GeneratedFile> GenerateAsync(GenerateRequest request, Stream destination, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var call = Generation.Generate(request, cancellationToken: cancellationToken);
        return await GeneratedFileReceiver.ReceiveAsync(call.ResponseStream, destination, progress, cancellationToken);
    }

    /// <summary>Streams a generated Parquet file to PATH.partial and renames it to PATH once length and SHA-256 match.</summary>
    public async Task<GeneratedFile> GenerateToFileAsync(GenerateRequest request, string path, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var call = Generation.Generate(request, cancellationToken: cancellationToken);
        return await GeneratedFileReceiver.ReceiveToFileAsync(call.ResponseStream, path, progress, cancellationToken);
    }

    /// <summary>Closes the channel.</summary>
    public void Dispose() => _channel.Dispose();

    static Uri ParseAddress(string serverUrl)
    {
        if (Uri.TryCreate(serverUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri;
        throw new ArgumentException($"The server address must be an http:// or https:// URL, e.g. http://127.0.0.1:5080; got '{serverUrl}'.", nameof(serverUrl));
    }
}
