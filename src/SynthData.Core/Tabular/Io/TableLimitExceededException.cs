namespace SynthData.Core.Tabular.Io;

/// <summary>
/// A table file expands beyond one of the reader's <see cref="TableLimits"/>. Names the file, the limit (a property
/// of <see cref="TableLimits"/>, so an adapter can name its own setting) and counts, never a value.
/// </summary>
public sealed class TableLimitExceededException(string file, string limit, long limitValue, string found)
    : UserFacingException(ErrorReason.ResourceExhausted, $"{System.IO.Path.GetFileName(file)}: {found}, beyond the limit of {limitValue:N0} ({limit})")
{
    /// <summary>The name of the <see cref="TableLimits"/> property exceeded, e.g. "MaxRows".</summary>
    public string Limit { get; } = limit;

    /// <summary>The limit's value.</summary>
    public long LimitValue { get; } = limitValue;

    /// <summary>What was found, e.g. "30,000,000 rows declared by its row groups".</summary>
    public string Found { get; } = found;
}
