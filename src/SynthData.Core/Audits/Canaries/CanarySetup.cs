using SynthData.Core.Tabular;

namespace SynthData.Core.Audits.Canaries;

/// <summary>
/// What a one-run canary audit trains on. <paramref name="BaseRows"/> is the population the canaries are
/// hidden in; <paramref name="Coins"/> decides which canaries are included (secret in a secure audit: a
/// guesser must not know them); <paramref name="Train"/> trains a model like the audited one on the rows
/// given and returns its per-row loss. The lower bound holds on any base table of the same size, so the
/// model's own synthetic rows serve, and then the audit reads no private row.
/// </summary>
/// <param name="BaseRows">Rows the canaries are hidden among.</param>
/// <param name="Canaries">The candidate canary rows.</param>
/// <param name="Coins">Decides which canaries are included.</param>
/// <param name="Train">Trains on the rows given and returns the trained model's per-row loss function.</param>
public sealed record CanarySetup(
    TabularData BaseRows,
    TabularData Canaries,
    Random Coins,
    Func<TabularData, Func<TabularData, double[]>> Train);
