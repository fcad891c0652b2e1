using SynthData.Core.Tabular;

namespace SynthData.Core.Audits;

/// <summary>
/// What an audit looks at. Members are the training rows, non-members the holdout rows the model
/// never saw, synthetic the audit's own seeded sample (normally as many rows as members).
/// RowLoss (white-box, optional) returns each row's loss under the trained model, averaged over
/// latent draws; null skips the loss attack. Every random choice of the audit derives from Seed.
/// </summary>
/// <param name="Members">Training rows.</param>
/// <param name="NonMembers">Holdout rows the model never saw.</param>
/// <param name="Synthetic">The audit's seeded synthetic sample.</param>
/// <param name="Schema">Schema of the three tables; tells identifier and PII columns apart.</param>
/// <param name="RowLoss">Per-row loss under the trained model, or null to skip the loss attack.</param>
/// <param name="Seed">Root of every seed the audit derives.</param>
public sealed record AuditInputs(
    TabularData Members,
    TabularData NonMembers,
    TabularData Synthetic,
    TableSchema Schema,
    Func<TabularData, double[]>? RowLoss,
    int Seed);
