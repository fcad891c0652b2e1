using System.Globalization;

namespace SynthData.Core.Generation.Conditions;

/// <summary>
/// Rebalancing: <see cref="Share"/> of the rows have <see cref="Column"/> = <see cref="Value"/>; the rest of each row
/// is drawn conditional on that value. Shares of one column's listed values sum to at most 1; the remainder goes
/// to the column's other values.
/// </summary>
/// <param name="Column">Column rebalanced.</param>
/// <param name="Value">The label given a share.</param>
/// <param name="Share">Fraction of the rows, in (0, 1].</param>
public sealed record TargetProportion(string Column, string Value, double Share)
{
    /// <summary>The proportion as the CLI spells it, for the governance footer and messages.</summary>
    public string Describe() => $"{Column} = {Value}: {Share.ToString("0.####", CultureInfo.InvariantCulture)}";
}
