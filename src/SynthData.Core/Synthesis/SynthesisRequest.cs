using SynthData.Core.Governance.Metadata;
using SynthData.Core.Governance.Policies;
using SynthData.Core.Model.Training;

namespace SynthData.Core.Synthesis;

/// <summary>Everything the one-command job needs: the table, the policy, the training settings and where outputs go.</summary>
public sealed record SynthesisRequest
{
    /// <summary>The private table and how to read it.</summary>
    public required TrainingInput Input { get; init; }
    /// <summary>The release policy that admits the run and decides the release.</summary>
    public required ReleasePolicy Policy { get; init; }
    /// <summary>Training settings; a missing epsilon defaults to the policy's per-release maximum.</summary>
    public required TrainingConfiguration Training { get; init; }
    /// <summary>Synthetic rows to write; null writes as many as the source table has.</summary>
    public long? Rows { get; init; }
    /// <summary>Where the synthetic Parquet file goes (written only when released).</summary>
    public required string OutputPath { get; init; }
    /// <summary>Where the audit report (HTML and JSON) is written, whatever the decision.</summary>
    public required string ReportDirectory { get; init; }
    /// <summary>The privacy ledger's path (the version lineage sits beside it).</summary>
    public required string LedgerPath { get; init; }
    /// <summary>Canaries for the one-run privacy audit (0 skips it); it trains on synthetic rows, so it costs no epsilon.</summary>
    public int Canaries { get; init; } = 100;
    /// <summary>Seed of the generation draws (public randomness: sampling from a trained model spends no privacy).</summary>
    public int GenerationSeed { get; init; }
    /// <summary>A reviewer's approval, for policies that require one before release; null when none was given.</summary>
    public ReviewerApproval? Reviewer { get; init; }
}
