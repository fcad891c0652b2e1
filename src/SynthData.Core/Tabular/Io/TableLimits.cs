namespace SynthData.Core.Tabular.Io;

/// <summary>
/// What reading a table file may expand to, checked while it streams: a small file can declare (Parquet) or hold
/// (compressed pages) far more than its bytes suggest, so a byte limit alone does not bound memory or CPU.
/// <see cref="None"/> (the default) checks nothing: the CLI reads the user's own files; the server sets its own.
/// </summary>
public sealed record TableLimits
{
    /// <summary>Data rows of the file.</summary>
    public long MaxRows { get; init; } = long.MaxValue;

    /// <summary>Rows times columns.</summary>
    public long MaxCells { get; init; } = long.MaxValue;

    /// <summary>Columns of the file.</summary>
    public int MaxColumns { get; init; } = int.MaxValue;

    /// <summary>UTF-8 bytes of one cell as read (CSV field, Parquet text or binary value).</summary>
    public int MaxValueBytes { get; init; } = int.MaxValue;

    /// <summary>Rows times columns of one Parquet row group: a row group is held whole while its rows stream.</summary>
    public long MaxRowGroupCells { get; init; } = long.MaxValue;

    /// <summary>Uncompressed bytes of one Parquet row group, as its footer declares them, checked before it is decompressed.</summary>
    public long MaxRowGroupBytes { get; init; } = long.MaxValue;

    /// <summary>Distinct labels of one categorical column, declared or read (see <see cref="CategoryCountLimit"/>).</summary>
    public int MaxCategoriesPerColumn { get; init; } = int.MaxValue;

    /// <summary>No limits: every figure at its type's maximum.</summary>
    public static TableLimits None { get; } = new();
}
