using SynthData.Core.Tabular.Io;

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

    // What one upload may expand to, checked while it streams (a 1 KB Parquet file can declare 30 million rows).
    // Exceeding one is RESOURCE_EXHAUSTED naming the setting.

    /// <summary>Most rows of one upload (its footer's count for Parquet, checked before any row is decoded).</summary>
    public long MaxUploadRows { get; set; } = 10_000_000;

    /// <summary>Most cells (rows times columns) of one upload.</summary>
    public long MaxUploadCells { get; set; } = 200_000_000;

    /// <summary>Most columns of one upload.</summary>
    public int MaxUploadColumns { get; set; } = 1_000;

    /// <summary>Most distinct labels of one categorical column, declared in the schema or read from the rows.</summary>
    public int MaxCategoriesPerColumn { get; set; } = 100_000;

    /// <summary>Most UTF-8 bytes of one cell.</summary>
    public int MaxValueBytes { get; set; } = 64 * 1024;

    /// <summary>Most cells of one Parquet row group (a group is decoded whole: this bounds the reader's memory).</summary>
    public long MaxRowGroupCells { get; set; } = 10_000_000;

    /// <summary>Most uncompressed bytes of one Parquet row group, as its footer declares them.</summary>
    public long MaxRowGroupBytes { get; set; } = 512L << 20;

    /// <summary>The upload limits as Core's readers take them.</summary>
    public TableLimits UploadLimits() => new()
    {
        MaxRows = MaxUploadRows, MaxCells = MaxUploadCells, MaxColumns = MaxUploadColumns, MaxCategoriesPerColumn = MaxCategoriesPerColumn,
        MaxValueBytes = MaxValueBytes, MaxRowGroupCells = MaxRowGroupCells, MaxRowGroupBytes = MaxRowGroupBytes,
    };

    /// <summary>The setting behind one of <see cref="TableLimits"/>' properties, as an operator writes it.</summary>
    public static string SettingFor(string tableLimit) => $"{Section}:" + tableLimit switch
    {
        nameof(TableLimits.MaxRows) => nameof(MaxUploadRows),
        nameof(TableLimits.MaxCells) => nameof(MaxUploadCells),
        nameof(TableLimits.MaxColumns) => nameof(MaxUploadColumns),
        _ => tableLimit, // the other names are the same
    };

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
