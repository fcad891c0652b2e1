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

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string SoftwareVersion { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>The full schema of the source table, identifiers and PII included (they are never modelled).</summary>
    public required TableSchema Schema { get; init; }
    public required string TransformerJson { get; init; }
    public required TrainingConfiguration Configuration { get; init; }
    public required bool Private { get; init; }
    public required PrivacyPlan Plan { get; init; }
    /// <summary>Every mechanism that read private rows, with its parameters.</summary>
    public required IReadOnlyList<MechanismRecord> Ledger { get; init; }
    /// <summary>RDP, tight and quoted figures for the whole ledger; null for a non-private baseline.</summary>
    public PrivacyReport? Guarantee { get; init; }
    public required long StepsTaken { get; init; }
    public required double FinalMeanLoss { get; init; }
    public required double TrainingSeconds { get; init; }
    public required string SourceFingerprint { get; init; }
    public required int SourceRows { get; init; }
    /// <summary>Secure, or ReproducibleInsecure: replayable from the configuration's seed, NOT PRIVATE, never released.</summary>
    public required RandomnessMode Randomness { get; init; }
    public required double HoldoutFraction { get; init; }
    public required int TrainingRows { get; init; }
    public required int HoldoutRows { get; init; }
}
