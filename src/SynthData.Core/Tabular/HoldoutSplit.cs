using System.Buffers.Binary;

namespace SynthData.Core.Tabular;

/// <summary>
/// The split of a table's rows into training rows and holdout rows, made before anything reads the
/// values for a model. Each row's side is its own coin: the keyed digest of its canonical values
/// (<see cref="CanonicalRow"/>) under a secret 256-bit key, read as a uniform number and compared with
/// the holdout fraction. Adding or removing one row therefore changes the training set by at most that
/// row, which is the neighbouring relation the guarantee is stated for (a shuffle of the row count would
/// re-deal every row). The key is fresh per run and kept with the private data (see SplitKeyFile), so
/// the owner's audit can rebuild members and non-members while nobody else can tell which rows trained.
/// Equal rows share a side, so no row's copy sits on both sides.
/// </summary>
/// <param name="TrainingRows">Indices of the rows the model trains on (members), ascending.</param>
/// <param name="HoldoutRows">Indices of the held-out rows (non-members), ascending.</param>
public sealed record HoldoutSplit(int[] TrainingRows, int[] HoldoutRows)
{
    /// <summary>Share of the rows held out when the configuration does not say.</summary>
    public const double DefaultHoldoutFraction = 0.2;
    /// <summary>Length of the split key in bytes.</summary>
    public const int KeyBytes = 32;

    /// <summary>Splits the rows by keyed coins; both index lists are ascending.</summary>
    public static HoldoutSplit Create(TabularData data, double holdoutFraction, byte[] key)
    {
        if (holdoutFraction is < 0 or >= 1 || double.IsNaN(holdoutFraction))
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), "The holdout fraction must be in [0, 1).");
        if (key.Length != KeyBytes) throw new ArgumentException($"The split key must be {KeyBytes} bytes.", nameof(key));
        var rows = new CanonicalRow(data);
        var training = new List<int>(data.RowCount);
        var holdout = new List<int>((int)(data.RowCount * holdoutFraction) + 8);
        for (int r = 0; r < data.RowCount; r++)
        {
            // The digest's first 53 bits as a uniform number in [0, 1).
            double coin = (BinaryPrimitives.ReadUInt64LittleEndian(rows.Digest(r, key)) >> 11) * (1.0 / (1UL << 53));
            (coin < holdoutFraction ? holdout : training).Add(r);
        }
        return new HoldoutSplit(training.ToArray(), holdout.ToArray());
    }
}
