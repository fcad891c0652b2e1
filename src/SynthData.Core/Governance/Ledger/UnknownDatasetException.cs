namespace SynthData.Core.Governance.Ledger;

/// <summary>--version-of names a dataset the ledger has never charged.</summary>
/// <param name="datasetId">The dataset id that was named.</param>
public sealed class UnknownDatasetException(string datasetId)
    : UserFacingException(ErrorReason.NotFound,
        $"Dataset {datasetId} has no runs in this ledger: a new version can only join a dataset that has been trained on.", "version_of");
