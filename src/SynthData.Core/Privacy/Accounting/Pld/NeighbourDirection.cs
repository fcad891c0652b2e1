namespace SynthData.Core.Privacy.Accounting.Pld;

/// <summary>
/// Which way a neighbouring pair differs. Under add-or-remove-one the same pair is used for every
/// step of a composition, so each direction is composed on its own and the worse one is reported.
/// </summary>
internal enum NeighbourDirection
{
    /// <summary>P = output on the dataset with the row, Q = without it.</summary>
    Remove,

    /// <summary>P = output on the dataset without the row, Q = with it.</summary>
    Add,
}
