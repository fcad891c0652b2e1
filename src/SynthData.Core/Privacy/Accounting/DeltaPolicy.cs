namespace SynthData.Core.Privacy.Accounting;

/// <summary>How delta is chosen and which (epsilon, delta) targets are acceptable for a table of N rows.</summary>
public static class DeltaPolicy
{
    /// <summary>
    /// 1/(10 N) rounded DOWN to one significant digit (N = 36169: 1/361690 = 2.76e-6 -> 2e-6): well below
    /// 1/N, so that "leak one whole row" is not an admissible outcome, and a round figure for reports.
    /// </summary>
    public static double Default(long rowCount)
    {
        if (rowCount < 1) throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, "The row count must be at least 1.");
        double value = 1.0 / (10.0 * rowCount);
        int exponent = (int)Math.Floor(Math.Log10(value));
        double scale = Math.Pow(10, exponent);
        // The small allowance keeps exact powers of ten (N = 10 -> 0.01) from rounding down to 0.00999.
        double mantissa = Math.Floor(value / scale * (1 + 1e-12));
        if (mantissa < 1) { mantissa = 9; scale /= 10; }
        return mantissa * scale;
    }

    /// <summary>Rejects epsilon &lt;= 0, delta &lt;= 0 and delta >= 1/N (which would allow leaking a row outright).</summary>
    public static void Validate(double epsilon, double delta, long rowCount)
    {
        if (rowCount < 1) throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, "The row count must be at least 1.");
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
            throw new InvalidInputException($"Epsilon must be a positive finite number; got {epsilon}.", "epsilon");
        if (!(delta > 0))
            throw new InvalidInputException($"Delta must be positive; got {delta}.", "delta");
        if (delta >= 1.0 / rowCount)
            throw new InvalidInputException($"Delta = {delta:G3} is not below 1/N = {1.0 / rowCount:G3} for N = {rowCount} rows: such a delta permits releasing a row outright. " +
                $"Use at most {Default(rowCount):G3} (1/(10 N)).", "delta");
    }
}
