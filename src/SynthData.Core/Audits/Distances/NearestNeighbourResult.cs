namespace SynthData.Core.Audits.Distances;

/// <summary>
/// For each query row: the index of its closest reference row, that distance, and the distance to
/// the second-closest reference row (+infinity when the reference has a single row). Distances are
/// Gower distances in [0, 1] computed in single precision (absolute error about 1e-6), so among
/// near-equal candidates the reported index is one of them, not necessarily the lowest.
/// </summary>
/// <param name="NearestIndex">Row index in the reference table of each query row's closest row.</param>
/// <param name="NearestDistance">Distance from each query row to its closest reference row.</param>
/// <param name="SecondNearestDistance">Distance from each query row to its second-closest reference row.</param>
public sealed record NearestNeighbourResult(int[] NearestIndex, double[] NearestDistance, double[] SecondNearestDistance)
{
    /// <summary>
    /// Nearest-neighbour distance ratio of query row i: nearest / second-nearest (1 when both are
    /// 0; 0 when the reference has one row). Values near 0 flag a synthetic row that sits much
    /// closer to one real row than to any other.
    /// </summary>
    public double DistanceRatio(int i)
    {
        double second = SecondNearestDistance[i];
        if (double.IsPositiveInfinity(second)) return 0;
        return second == 0 ? 1 : NearestDistance[i] / second;
    }
}
