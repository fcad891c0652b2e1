namespace SynthData.Core.Tabular.Loading;

/// <summary>
/// One parsed row, in schema column order. For column i, a numeric kind's value is Numeric[i]
/// (NaN = missing) and Text[i] is null; any other kind's value is Text[i] (null = missing) and
/// Numeric[i] is NaN. Private: never log or print it.
/// </summary>
/// <param name="RowNumber">The row as a user counts it (see RawRow.RowNumber), for error messages.</param>
/// <param name="Numeric">Numeric values by column, NaN where missing or not numeric.</param>
/// <param name="Text">Text values by column, null where missing or numeric.</param>
public sealed record ParsedRow(long RowNumber, double[] Numeric, string?[] Text);
