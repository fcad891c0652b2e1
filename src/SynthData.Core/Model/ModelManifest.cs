using SynthData.Core.Model.Training;
using SynthData.Core.Privacy;
using SynthData.Core.Privacy.Accounting;
using SynthData.Core.Privacy.Randomness;
using SynthData.Core.Tabular;

namespace SynthData.Core.Model;

/// <summary>
/// Everything an artifact says about its model besides the weights: the public schema, the fitted
/// transformer (DP outputs only), the configuration, the privacy ledger and guarantee, and the
/// lineage (fraction, fingerprint). No seed of a private stream is ever here: see <see cref="Randomness"/>.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>2: secret randomness (no split seed; the split key sits beside the artifact) and the randomness label.</summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>The artifact format this manifest was written in.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;
    /// <summary>The SynthData version that trained the model.</summary>
    public required string SoftwareVersion { get; init; }
    /// <summary>When training finished, in UTC.</summary>
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>The full schema of the source table, identifiers and PII included (they are never modelled).</summary>
    public required TableSchema Schema { get; init; }
    /// <summary>The fitted table transformer as JSON; its fitted statistics came from DP mechanisms only.</summary>
    public required string TransformerJson { get; init; }
    /// <summary>The training configuration the model was trained with.</summary>
    public required TrainingConfiguration Configuration { get; init; }
    /// <summary>Whether training was differentially private (false for a non-private baseline).</summary>
    public required bool Private { get; init; }
    /// <summary>The privacy plan: noise, steps and sampling rate fixed before training.</summary>
    public required PrivacyPlan Plan { get; init; }
    /// <summary>Every mechanism that read private rows, with its parameters.</summary>
    public required IReadOnlyList<MechanismRecord> Ledger { get; init; }
    /// <summary>RDP, tight and quoted figures for the whole ledger; null for a non-private baseline.</summary>
    public PrivacyReport? Guarantee { get; init; }
    /// <summary>Optimiser steps taken.</summary>
    public required long StepsTaken { get; init; }
    /// <summary>The mean training loss reported at the end of training.</summary>
    public required double FinalMeanLoss { get; init; }
    /// <summary>Wall-clock training time in seconds.</summary>
    public required double TrainingSeconds { get; init; }
    /// <summary>Keyed content fingerprint of the source table (<see cref="Tabular.DatasetFingerprint"/>); never published.</summary>
    public required string SourceFingerprint { get; init; }
    /// <summary>The dataset's random public id (local ledger or server); null when trained outside a ledger.</summary>
    public string? DatasetId { get; init; }
    /// <summary>Rows in the source table, before the holdout split.</summary>
    public required int SourceRows { get; init; }
    /// <summary>Secure, or ReproducibleInsecure: replayable from the configuration's seed, NOT PRIVATE, never released.</summary>
    public required RandomnessMode Randomness { get; init; }
    /// <summary>Fraction of the source rows held out from training (for audits).</summary>
    public required double HoldoutFraction { get; init; }
    /// <summary>Rows the model was trained on (members).</summary>
    public required int TrainingRows { get; init; }
    /// <summary>Rows held out (non-members, for the membership audit).</summary>
    public required int HoldoutRows { get; init; }
}
