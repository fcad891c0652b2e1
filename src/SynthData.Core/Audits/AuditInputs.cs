using SynthData.Core.Tabular;

namespace SynthData.Core.Audits;

/// <summary>
/// What an audit looks at. Members are the training rows, non-members the holdout rows the model
/// never saw, synthetic the audit's own seeded sample (normally as many rows as members).
/// RowLoss (white-box, optional) returns each row's loss under the trained model, averaged over
/// latent draws; null skips the loss attack. Every random choice of the audit derives from Seed.
/// </summary>
public sealed record AuditInputs(
    TabularData Members,
    TabularData NonMembers,
    TabularData Synthetic,
    TableSchema Schema,
    Func<TabularData, double[]>? RowLoss,
    int Seed);
