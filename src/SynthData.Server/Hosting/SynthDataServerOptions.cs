namespace SynthData.Server.Hosting;

/// <summary>Server settings, bound from the configuration section "SynthData".</summary>
public sealed class SynthDataServerOptions
{
    public const string Section = "SynthData";

    /// <summary>Holds synthdata.db, raw uploads and model artifacts. Relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "./synthdata-data";

    /// <summary>
    /// Where the store, the privacy ledger and job leases live: "sqlite" (default: synthdata.db and privacy-ledger.db
    /// in the data directory, one process) or "postgres" (one database shared by several replicas; set ConnectionString).
    /// </summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>The Npgsql connection string when Store is "postgres".</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Base64 of 32 random bytes: artifacts in the artifact store are encrypted with it (AES-256-GCM). Empty stores
    /// them as they are. Keep it outside the database and its backups.
    /// </summary>
    public string? ArtifactKey { get; set; }

    /// <summary>How long a replica's claim on a running job lasts without renewal; then another replica fails and charges it.</summary>
    public int JobLeaseSeconds { get; set; } = 30;

    /// <summary>Largest accepted upload; larger uploads fail with RESOURCE_EXHAUSTED.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>Jobs that run at once (training is CPU-bound: more than the cores only slows every job).</summary>
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>Jobs that may wait; StartTraining answers RESOURCE_EXHAUSTED when the queue is full.</summary>
    public int QueueCapacity { get; set; } = 16;

    /// <summary>Folder of policy files (*.yaml); empty uses the policies/ folder shipped with the server.</summary>
    public string? PoliciesDirectory { get; set; }

    /// <summary>Most rows one Generate call may ask for; more is INVALID_ARGUMENT.</summary>
    public long MaxGenerateRows { get; set; } = 100_000_000;

    /// <summary>
    /// Most row groups in one generated file. The Parquet writer keeps every row group's footer entry (a few hundred
    /// bytes a column) until the file ends, so this, not the request, bounds that part of the server's memory: at
    /// 4,096 groups and 20 columns, a few MB. A request needing more (rows / row_group_size) is INVALID_ARGUMENT.
    /// </summary>
    public int MaxRowGroupsPerFile { get; set; } = 4_096;

    /// <summary>Smallest row_group_size a request may set (tiny groups cost a footer entry per handful of rows).</summary>
    public int MinRowGroupSize { get; set; } = 1_000;

    /// <summary>Bytes per streamed Parquet message (the client's default receive limit is 4 MiB).</summary>
    public int GenerationChunkBytes { get; set; } = 1 << 20;

    /// <summary>Admin key created on first start with an empty store; when empty a random one is printed once.</summary>
    public string? BootstrapAdminKey { get; set; }
}
