namespace SynthData.Core.Privacy.DpSgd;

/// <summary>
/// Poisson sampling: every row enters each batch independently with probability q, so batch sizes vary
/// (and may be 0). This is the sampling the accountants' subsampled-Gaussian analysis assumes. Gaps
/// between chosen rows are drawn from the geometric distribution, which is the same law as one coin
/// per row but costs O(qN) per batch instead of O(N). Which steps include a row must stay secret (the
/// amplification by subsampling depends on it), so private runs pass a cryptographic <see cref="Random"/>.
/// </summary>
public sealed class PoissonSampler
{
    readonly int _rows;
    readonly double _rate;
    readonly double _logOneMinusRate;
    readonly Random _random;

    /// <summary>A sampler over <paramref name="rows"/> rows at rate q = <paramref name="samplingRate"/>, drawing from <paramref name="random"/>.</summary>
    public PoissonSampler(int rows, double samplingRate, Random random)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows));
        if (!(samplingRate > 0 && samplingRate <= 1)) throw new ArgumentOutOfRangeException(nameof(samplingRate), samplingRate, "The sampling rate must lie in (0, 1].");
        _rows = rows;
        _rate = samplingRate;
        _logOneMinusRate = Math.Log(1 - samplingRate);
        _random = random;
    }

    /// <summary>The next batch: sorted row indices.</summary>
    public int[] NextBatch()
    {
        if (_rate >= 1) return Enumerable.Range(0, _rows).ToArray();
        var batch = new List<int>((int)(_rows * _rate * 1.2) + 8);
        long position = -1;
        while (true)
        {
            // P(gap = k) = (1 - q)^(k - 1) q for k >= 1: the distance to the next row whose coin comes up heads.
            double u = 1.0 - _random.NextDouble(); // (0, 1]
            position += 1 + (long)Math.Floor(Math.Log(u) / _logOneMinusRate);
            if (position >= _rows) return batch.ToArray();
            batch.Add((int)position);
        }
    }
}
